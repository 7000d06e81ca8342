from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from clientela.core import registry


def validate_module_slug(slug: str) -> None:
    """Refuse a module slug that no record type has registered."""
    try:
        registry.get_module(slug)
    except KeyError:
        raise ValidationError({"module": _("Unknown module %(slug)s.") % {"slug": slug}}) from None
