"""Per-user language and time zone for every request."""

import zoneinfo

from django.utils import timezone, translation


class UserLocaleMiddleware:
    """Activate the signed-in user's language and time zone for the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            translation.activate(user.language or "en")
            request.LANGUAGE_CODE = translation.get_language()
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.time_zone or "UTC"))
            except zoneinfo.ZoneInfoNotFoundError:
                timezone.deactivate()
        response = self.get_response(request)
        timezone.deactivate()
        return response
