"""Pages of sales: opportunities with their board, quotes, orders, contracts, products, price
books, and the admins' pipelines, currencies and product categories."""

from django.urls import include, path

from .models import Quote
from .views import (
    board,
    categories,
    contracts,
    currencies,
    opportunities,
    orders,
    pipelines,
    products,
    quotes,
    templates,
)
from .views.documents import printed_document_urls

opportunity_patterns = [
    path("", opportunities.OpportunityListView.as_view(), name="opportunity_list"),
    path("add/", opportunities.OpportunityEditView.as_view(), name="opportunity_add"),
    path("bulk-edit/", opportunities.OpportunityBulkEditView.as_view(),
         name="opportunity_bulk_edit"),
    path("bulk-delete/", opportunities.OpportunityBulkDeleteView.as_view(),
         name="opportunity_bulk_delete"),
    path("export/", opportunities.OpportunityExportView.as_view(), name="opportunity_export"),
    path("board/", board.OpportunityBoardView.as_view(), name="opportunity_board"),
    path("board/column/<int:stage_pk>/", board.OpportunityBoardColumnView.as_view(),
         name="opportunity_board_column"),
    path("<int:pk>/", opportunities.OpportunityView.as_view(), name="opportunity"),
    path("<int:pk>/edit/", opportunities.OpportunityEditView.as_view(),
         name="opportunity_edit"),
    path("<int:pk>/delete/", opportunities.OpportunityDeleteView.as_view(),
         name="opportunity_delete"),
    path("<int:pk>/history/", opportunities.OpportunityHistoryView.as_view(),
         name="opportunity_history"),
    path("<int:pk>/close/", opportunities.OpportunityCloseView.as_view(),
         name="opportunity_close"),
    path("<int:pk>/move/", opportunities.OpportunityMoveView.as_view(),
         name="opportunity_move"),
]

quote_patterns = [
    path("", quotes.QuoteListView.as_view(), name="quote_list"),
    path("add/", quotes.QuoteEditView.as_view(), name="quote_add"),
    path("bulk-edit/", quotes.QuoteBulkEditView.as_view(), name="quote_bulk_edit"),
    path("bulk-delete/", quotes.QuoteBulkDeleteView.as_view(), name="quote_bulk_delete"),
    path("export/", quotes.QuoteExportView.as_view(), name="quote_export"),
    path("<int:pk>/", quotes.QuoteView.as_view(), name="quote"),
    path("<int:pk>/edit/", quotes.QuoteEditView.as_view(), name="quote_edit"),
    path("<int:pk>/delete/", quotes.QuoteDeleteView.as_view(), name="quote_delete"),
    path("<int:pk>/history/", quotes.QuoteHistoryView.as_view(), name="quote_history"),
    path("<int:pk>/send/", quotes.QuoteStatusView.as_view(verb="send"), name="quote_send"),
    path("<int:pk>/accept/", quotes.QuoteStatusView.as_view(verb="accept"),
         name="quote_accept"),
    path("<int:pk>/reject/", quotes.QuoteStatusView.as_view(verb="reject"),
         name="quote_reject"),
    path("<int:pk>/convert-to-order/", quotes.QuoteConvertView.as_view(),
         name="quote_convert"),
    *printed_document_urls(Quote.objects.select_related(*quotes.RELATED), "quote"),
]

order_patterns = [
    path("", orders.OrderListView.as_view(), name="order_list"),
    path("add/", orders.OrderEditView.as_view(), name="order_add"),
    path("bulk-edit/", orders.OrderBulkEditView.as_view(), name="order_bulk_edit"),
    path("bulk-delete/", orders.OrderBulkDeleteView.as_view(), name="order_bulk_delete"),
    path("export/", orders.OrderExportView.as_view(), name="order_export"),
    path("<int:pk>/", orders.OrderView.as_view(), name="order"),
    path("<int:pk>/edit/", orders.OrderEditView.as_view(), name="order_edit"),
    path("<int:pk>/delete/", orders.OrderDeleteView.as_view(), name="order_delete"),
    path("<int:pk>/history/", orders.OrderHistoryView.as_view(), name="order_history"),
]

contract_patterns = [
    path("", contracts.ContractListView.as_view(), name="contract_list"),
    path("add/", contracts.ContractEditView.as_view(), name="contract_add"),
    path("bulk-edit/", contracts.ContractBulkEditView.as_view(), name="contract_bulk_edit"),
    path("bulk-delete/", contracts.ContractBulkDeleteView.as_view(),
         name="contract_bulk_delete"),
    path("export/", contracts.ContractExportView.as_view(), name="contract_export"),
    path("<int:pk>/", contracts.ContractView.as_view(), name="contract"),
    path("<int:pk>/edit/", contracts.ContractEditView.as_view(), name="contract_edit"),
    path("<int:pk>/delete/", contracts.ContractDeleteView.as_view(), name="contract_delete"),
    path("<int:pk>/history/", contracts.ContractHistoryView.as_view(), name="contract_history"),
    path("<int:pk>/documents/", contracts.ContractDocumentAddView.as_view(),
         name="contract_document_add"),
    path("<int:pk>/documents/<int:document_pk>/", contracts.ContractDocumentView.as_view(),
         name="contract_document"),
]

document_template_patterns = [
    path("", templates.document_template_list, name="document_template_list"),
    path("new/", templates.document_template_edit, name="document_template_create"),
    path("<int:pk>/", templates.document_template_edit, name="document_template_edit"),
    path("<int:pk>/restore/", templates.document_template_restore_default,
         name="document_template_restore"),
    path("<int:pk>/delete/", templates.document_template_remove,
         name="document_template_delete"),
]

pipeline_patterns = [
    path("", pipelines.pipeline_list, name="pipeline_list"),
    path("new/", pipelines.pipeline_edit, name="pipeline_create"),
    path("<int:pk>/", pipelines.pipeline_edit, name="pipeline_edit"),
    path("<int:pk>/delete/", pipelines.pipeline_delete, name="pipeline_delete"),
]

app_name = "sales"
urlpatterns = [
    path("opportunities/", include(opportunity_patterns)),
    path("contracts/", include(contract_patterns)),
    path("pipelines/", include(pipeline_patterns)),
    path("document-templates/", include(document_template_patterns)),
    path("quotes/", include(quote_patterns)),
    path("orders/", include(order_patterns)),
    path("products/", products.ProductListView.as_view(), name="product_list"),
    path("products/add/", products.ProductEditView.as_view(), name="product_add"),
    path("products/bulk-edit/", products.ProductBulkEditView.as_view(), name="product_bulk_edit"),
    path("products/bulk-delete/", products.ProductBulkDeleteView.as_view(),
         name="product_bulk_delete"),
    path("products/export/", products.ProductExportView.as_view(), name="product_export"),
    path("products/<int:pk>/", products.ProductView.as_view(), name="product"),
    path("products/<int:pk>/edit/", products.ProductEditView.as_view(), name="product_edit"),
    path("products/<int:pk>/delete/", products.ProductDeleteView.as_view(), name="product_delete"),
    path("products/<int:pk>/history/", products.ProductHistoryView.as_view(),
         name="product_history"),
    path("price-books/", products.PriceBookListView.as_view(), name="pricebook_list"),
    path("price-books/add/", products.PriceBookEditView.as_view(), name="pricebook_add"),
    path("price-books/bulk-edit/", products.PriceBookBulkEditView.as_view(),
         name="pricebook_bulk_edit"),
    path("price-books/bulk-delete/", products.PriceBookBulkDeleteView.as_view(),
         name="pricebook_bulk_delete"),
    path("price-books/export/", products.PriceBookExportView.as_view(), name="pricebook_export"),
    path("price-books/<int:pk>/", products.PriceBookView.as_view(), name="pricebook"),
    path("price-books/<int:pk>/edit/", products.PriceBookEditView.as_view(),
         name="pricebook_edit"),
    path("price-books/<int:pk>/delete/", products.PriceBookDeleteView.as_view(),
         name="pricebook_delete"),
    path("price-books/<int:pk>/history/", products.PriceBookHistoryView.as_view(),
         name="pricebook_history"),
    path("currencies/", currencies.currency_list, name="currency_list"),
    path("currencies/new/", currencies.currency_edit, name="currency_create"),
    path("currencies/<str:code>/", currencies.currency_edit, name="currency_edit"),
    path("currencies/<str:code>/delete/", currencies.currency_delete, name="currency_delete"),
    path("currencies/<str:code>/rates/", currencies.exchange_rates, name="exchange_rates"),
    path("currencies/<str:code>/rates/<int:pk>/", currencies.exchange_rates,
         name="exchange_rate_edit"),
    path("currencies/<str:code>/rates/<int:pk>/delete/", currencies.exchange_rate_delete,
         name="exchange_rate_delete"),
    path("product-categories/", categories.category_list, name="category_list"),
    path("product-categories/new/", categories.category_edit, name="category_create"),
    path("product-categories/<int:pk>/", categories.category_edit, name="category_edit"),
    path("product-categories/<int:pk>/delete/", categories.category_delete,
         name="category_delete"),
]
