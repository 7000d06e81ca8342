"""The administrators' form of the company details."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image

from clientela.core.forms.records import style_fields

from .models import CompanyDetails

LOGO_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}


class CompanyDetailsForm(forms.ModelForm):
    class Meta:
        model = CompanyDetails
        fields = ["legal_name", "street", "city", "region", "postal_code", "country", "tax_id",
                  "email", "phone", "website", "bank_details", "logo"]
        widgets = {"bank_details": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)

    def clean_logo(self):
        """Refuse a logo that is not a PNG or JPEG image, or larger than the limit."""
        logo = self.cleaned_data.get("logo")
        if not logo or logo == self.instance.logo:
            return logo
        limit = settings.COMPANY_LOGO_MAX_SIZE
        if logo.size > limit:
            raise forms.ValidationError(
                _("The logo is %(size)d KB; the largest allowed is %(limit)d KB.")
                % {"size": -(-logo.size // 1024), "limit": limit // 1024})
        try:
            logo.seek(0)
            with Image.open(logo) as image:
                kind = image.format
                image.verify()
        except Exception as error:
            raise forms.ValidationError(_("Upload a PNG or JPEG image.")) from error
        finally:
            logo.seek(0)
        if kind not in LOGO_FORMATS:
            raise forms.ValidationError(_("Upload a PNG or JPEG image."))
        return logo
