"""The forecast page's choices: the period (a month or a quarter) and whose forecast."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from clientela.core.forms.records import style_fields
from clientela.users.models import Team, User

from ..choices import PeriodKind, QuotaErrorCode
from ..forecasting import Period, parse_period, period_of
from .quotas import period_choices

EVERYONE = "all"


class ForecastForm(forms.Form):
    """Pick the period and the subject: me, everyone I may see, a team or a salesperson."""

    period = forms.ChoiceField(label=_("Period"))
    subject = forms.ChoiceField(label=_("Whose forecast"))

    def __init__(self, *args, user: User, users, teams, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.today = user, today
        default = period_of(PeriodKind.QUARTER, today)
        chosen = self.data.get("period") if self.is_bound else None
        try:
            current = parse_period(chosen) if chosen else default
        except ValueError:
            current = default
        self.fields["period"].choices = period_choices(today, current)
        self.fields["period"].initial = default.label
        self.users = {member.pk: member for member in users}
        self.teams = {team.pk: team for team in teams}
        people = [(f"user:{pk}", str(member)) for pk, member in self.users.items()
                  if pk != user.pk]
        choices = [(f"user:{user.pk}", _("Me")), (EVERYONE, _("Everyone I may see"))]
        if self.teams:
            choices.append((str(_("Teams")), [(f"team:{pk}", str(team))
                                              for pk, team in self.teams.items()]))
        if people:
            choices.append((str(_("Salespeople")), people))
        self.fields["subject"].choices = choices
        self.fields["subject"].initial = f"user:{user.pk}"
        style_fields(self)

    def clean_period(self) -> Period:
        try:
            return parse_period(self.cleaned_data["period"])
        except ValueError:
            raise forms.ValidationError(QuotaErrorCode.BAD_PERIOD.label) from None

    def choice(self) -> tuple[Period, User | None, Team | None, bool]:
        """Return (period, user, team, everyone) chosen; the defaults for what is not valid."""
        period = period_of(PeriodKind.QUARTER, self.today)
        user, team, everyone = self.user, None, False
        if not self.is_bound:
            return period, user, team, everyone
        self.is_valid()
        period = self.cleaned_data.get("period") or period
        subject = self.cleaned_data.get("subject") or ""
        kind, _sep, pk = subject.partition(":")
        if subject == EVERYONE:
            user, everyone = None, True
        elif kind == "team" and pk.isdigit() and int(pk) in self.teams:
            user, team = None, self.teams[int(pk)]
        elif kind == "user" and pk.isdigit() and int(pk) in self.users:
            user = self.users[int(pk)]
        return period, user, team, everyone
