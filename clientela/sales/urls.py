"""Pages of sales: opportunities with their board, the forecast, the dashboard and quotas,
quotes, orders, invoices, contracts, products, price books, and the admins' pipelines,
currencies, product categories and document templates."""

from django.urls import include, path

from clientela.core.routing import record_patterns

from .models import Invoice, Quote
from .views import (
    board,
    categories,
    contracts,
    currencies,
    dashboard,
    forecast,
    invoices,
    opportunities,
    orders,
    pipelines,
    products,
    quotas,
    quotes,
    templates,
)
from .views.documents import printed_document_urls

opportunity_patterns = record_patterns("opportunity", opportunities, "Opportunity", extra=[
    path("board/", board.OpportunityBoardView.as_view(), name="opportunity_board"),
    path("board/column/<int:stage_pk>/", board.OpportunityBoardColumnView.as_view(),
         name="opportunity_board_column"),
    path("<int:pk>/close/", opportunities.OpportunityCloseView.as_view(),
         name="opportunity_close"),
    path("<int:pk>/move/", opportunities.OpportunityMoveView.as_view(),
         name="opportunity_move"),
])

quote_patterns = record_patterns("quote", quotes, "Quote", extra=[
    path("<int:pk>/send/", quotes.QuoteStatusView.as_view(verb="send"), name="quote_send"),
    path("<int:pk>/accept/", quotes.QuoteStatusView.as_view(verb="accept"),
         name="quote_accept"),
    path("<int:pk>/reject/", quotes.QuoteStatusView.as_view(verb="reject"),
         name="quote_reject"),
    path("<int:pk>/convert-to-order/", quotes.QuoteConvertView.as_view(),
         name="quote_convert"),
    *printed_document_urls(Quote.objects.select_related(*quotes.RELATED), "quote"),
])

order_patterns = record_patterns("order", orders, "Order", extra=[
    path("<int:pk>/invoice/", invoices.OrderInvoiceView.as_view(), name="order_invoice"),
])

invoice_patterns = record_patterns("invoice", invoices, "Invoice", extra=[
    path("<int:pk>/issue/", invoices.InvoiceIssueView.as_view(), name="invoice_issue"),
    path("<int:pk>/payments/", invoices.InvoicePaymentView.as_view(),
         name="invoice_payment"),
    path("<int:pk>/cancel/", invoices.InvoiceCancelView.as_view(), name="invoice_cancel"),
    *printed_document_urls(Invoice.objects.select_related(*invoices.RELATED), "invoice"),
])

contract_patterns = record_patterns("contract", contracts, "Contract", extra=[
    path("<int:pk>/documents/", contracts.ContractDocumentAddView.as_view(),
         name="contract_document_add"),
    path("<int:pk>/documents/<int:document_pk>/", contracts.ContractDocumentView.as_view(),
         name="contract_document"),
])

document_template_patterns = [
    path("", templates.document_template_list, name="document_template_list"),
    path("new/", templates.document_template_edit, name="document_template_create"),
    path("<int:pk>/", templates.document_template_edit, name="document_template_edit"),
    path("<int:pk>/restore/", templates.document_template_restore_default,
         name="document_template_restore"),
    path("<int:pk>/delete/", templates.document_template_remove,
         name="document_template_delete"),
]

quota_patterns = [
    path("", quotas.QuotaListView.as_view(), name="quota_list"),
    path("add/", quotas.QuotaEditView.as_view(), name="quota_add"),
    path("bulk-edit/", quotas.QuotaBulkEditView.as_view(), name="quota_bulk_edit"),
    path("bulk-delete/", quotas.QuotaBulkDeleteView.as_view(), name="quota_bulk_delete"),
    path("export/", quotas.QuotaExportView.as_view(), name="quota_export"),
    path("<int:pk>/", quotas.QuotaView.as_view(), name="quota"),
    path("<int:pk>/edit/", quotas.QuotaEditView.as_view(), name="quota_edit"),
    path("<int:pk>/delete/", quotas.QuotaDeleteView.as_view(), name="quota_delete"),
    path("<int:pk>/history/", quotas.QuotaHistoryView.as_view(), name="quota_history"),
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
    path("quotas/", include(quota_patterns)),
    path("forecast/", forecast.forecast_page, name="forecast"),
    path("sales/dashboard/", dashboard.dashboard_page, name="dashboard"),
    path("quotes/", include(quote_patterns)),
    path("orders/", include(order_patterns)),
    path("invoices/", include(invoice_patterns)),
    path("products/", include(record_patterns("product", products, "Product"))),
    path("price-books/", include(record_patterns("pricebook", products, "PriceBook"))),
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
