"""The portfolio pages' patterns, included under /portfolios/ in the analytics URLs."""

from django.urls import path

from clientela.core.routing import record_patterns

from ..views import portfolios as views

portfolio_patterns = record_patterns("portfolio", views, "Portfolio", extra=[
    path("tree/", views.PortfolioTreeView.as_view(), name="portfolio_tree"),
    path("move/", views.AccountsMoveView.as_view(), name="portfolio_move"),
    path("<int:pk>/assign/", views.PortfolioAssignView.as_view(), name="portfolio_assign"),
    path("<int:pk>/members/add/", views.PortfolioMemberAddView.as_view(),
         name="portfolio_member_add"),
    path("<int:pk>/members/<int:account_pk>/remove/", views.PortfolioMemberRemoveView.as_view(),
         name="portfolio_member_remove"),
])
