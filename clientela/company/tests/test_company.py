"""The company details page: administrators only, saved as one row, the logo checked."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from clientela.company.models import CompanyDetails
from clientela.company.selectors import company_snapshot

pytestmark = pytest.mark.django_db

DETAILS = {
    "legal_name": "Łódź Trading Sp. z o.o.", "street": "ul. Piotrkowska 1", "city": "Łódź",
    "region": "łódzkie", "postal_code": "90-001", "country": "Poland",
    "tax_id": "PL7251234567", "email": "biuro@example.pl", "phone": "+48 42 000 00 00",
    "website": "https://example.pl", "bank_details": "IBAN PL61 1090 1014 0000 0712 1981 2874",
}


def image_file(kind: str, size=(20, 10), name: str = "logo") -> SimpleUploadedFile:
    stream = io.BytesIO()
    Image.new("RGB", size, (10, 20, 30)).save(stream, format=kind)
    extension = {"PNG": "png", "JPEG": "jpg", "GIF": "gif"}[kind]
    return SimpleUploadedFile(f"{name}.{extension}", stream.getvalue(),
                              content_type=f"image/{extension}")


def test_administrators_save_the_details_and_a_png_logo(client, admin_user):
    client.force_login(admin_user)

    response = client.post(reverse("company:company_edit"),
                           {**DETAILS, "logo": image_file("PNG")})

    assert response.status_code == 302
    details = CompanyDetails.objects.get()
    assert details.pk == 1
    assert details.legal_name == "Łódź Trading Sp. z o.o."
    assert details.address_lines == ["ul. Piotrkowska 1", "90-001 Łódź", "łódzkie", "Poland"]
    assert details.logo.name.startswith("company/logo")
    snapshot = company_snapshot()
    assert snapshot["logo"].startswith("data:image/png;base64,")
    assert snapshot["tax_id"] == "PL7251234567"


def test_a_jpeg_logo_is_accepted(client, admin_user):
    client.force_login(admin_user)

    response = client.post(reverse("company:company_edit"),
                           {**DETAILS, "logo": image_file("JPEG")})

    assert response.status_code == 302
    assert company_snapshot()["logo"].startswith("data:image/jpeg;base64,")


def test_a_logo_that_is_not_png_or_jpeg_is_refused(client, admin_user):
    client.force_login(admin_user)

    gif = client.post(reverse("company:company_edit"), {**DETAILS, "logo": image_file("GIF")})
    text = client.post(reverse("company:company_edit"), {**DETAILS, "logo": SimpleUploadedFile(
        "logo.png", b"not an image", content_type="image/png")})

    assert gif.status_code == 400
    assert gif.context["form"].errors["logo"] == ["Upload a PNG or JPEG image."]
    assert text.status_code == 400
    assert "logo" in text.context["form"].errors
    assert not CompanyDetails.objects.filter(legal_name=DETAILS["legal_name"]).exists()


def test_a_logo_over_the_size_limit_is_refused(client, admin_user, settings):
    settings.COMPANY_LOGO_MAX_SIZE = 1024
    client.force_login(admin_user)
    large = image_file("PNG", size=(400, 400))
    large.size = 4096

    response = client.post(reverse("company:company_edit"), {**DETAILS, "logo": large})

    assert response.status_code == 400
    assert "the largest allowed is 1 KB" in response.context["form"].errors["logo"][0]


def test_a_bad_email_is_refused_on_its_field(client, admin_user):
    client.force_login(admin_user)

    response = client.post(reverse("company:company_edit"), {**DETAILS, "email": "nope"})

    assert response.status_code == 400
    assert "email" in response.context["form"].errors


def test_the_page_is_for_administrators_only(client, manager):
    client.force_login(manager)

    assert client.get(reverse("company:company_edit")).status_code == 403
    assert client.post(reverse("company:company_edit"), DETAILS).status_code == 403
    assert not CompanyDetails.objects.filter(legal_name=DETAILS["legal_name"]).exists()


def test_a_replaced_logo_file_is_deleted_once_committed(client, admin_user,
                                                         django_capture_on_commit_callbacks):
    client.force_login(admin_user)
    client.post(reverse("company:company_edit"), {**DETAILS, "logo": image_file("PNG")})
    old = CompanyDetails.load().logo
    storage, old_name = old.storage, old.name
    assert storage.exists(old_name)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("company:company_edit"),
                    {**DETAILS, "logo": image_file("JPEG", name="new")})

    assert not storage.exists(old_name)
    assert CompanyDetails.load().logo.name.startswith("company/new")
