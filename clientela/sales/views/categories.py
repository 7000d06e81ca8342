"""The administrators' pages of product categories, kept as a tree."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from clientela.core.exceptions import ApplicationError
from clientela.users.auth import admin_required

from .. import services
from ..forms.products import ProductCategoryForm
from ..models import ProductCategory


@admin_required
def category_list(request: HttpRequest) -> HttpResponse:
    """List the product categories as a tree, each with its number of products."""
    categories = list(ProductCategory.objects.annotate(product_count=Count("products")))
    children: dict[int | None, list[ProductCategory]] = {}
    for category in categories:
        children.setdefault(category.parent_id, []).append(category)
    tree: list[tuple[int, ProductCategory]] = []

    def walk(parent: int | None, depth: int) -> None:
        for category in children.get(parent, []):
            tree.append((depth, category))
            walk(category.pk, depth + 1)

    walk(None, 0)
    return render(request, "sales/category_list.html",
                  {"tree": tree, "section": "product_categories"})


@admin_required
@require_http_methods(["GET", "POST"])
def category_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Create or edit a product category; a parent that would make a cycle is refused."""
    category = get_object_or_404(ProductCategory, pk=pk) if pk else ProductCategory()
    form = ProductCategoryForm(request.POST or None, instance=category)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The category %(name)s was saved.") % {
            "name": category.name})
        return redirect("sales:category_list")
    return render(request, "sales/category_form.html",
                  {"form": form, "category": category, "section": "product_categories"},
                  status=400 if form.is_bound else 200)


@admin_required
@require_http_methods(["GET", "POST"])
def category_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then delete a category without products or subcategories."""
    category = get_object_or_404(ProductCategory, pk=pk)
    error = None
    if request.method == "POST":
        try:
            services.product_category_delete(category=category)
        except ApplicationError as refused:
            error = refused.message
        else:
            messages.success(request, _("The category %(name)s was deleted.") % {
                "name": category.name})
            return redirect("sales:category_list")
    return render(
        request, "users/confirm_delete.html",
        {"object": category, "cancel_url": "sales:category_list", "error": error,
         "consequence": _("Only a category without products or subcategories can go.")},
        status=400 if error else 200,
    )
