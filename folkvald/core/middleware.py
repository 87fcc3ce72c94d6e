"""Swedish first: the language is Swedish unless the person has chosen English with the switch.

Django's LocaleMiddleware would follow the browser's Accept-Language and show an
English page to most phones; here only the explicit choice (the language cookie
set by /i18n/setlang/) counts.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.contrib.messages.middleware import MessageMiddleware as DjangoMessageMiddleware
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.http.response import HttpResponseBase
from django.utils import translation
from django.utils.cache import patch_vary_headers

API_PREFIX = "/api/"  # the JSON API's paths (folkvald/urls.py)


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        translation.deactivate()
        return response


class RefuseNulCharactersMiddleware:
    """A request carrying a NUL character is refused (400) before any view sees it.

    PostgreSQL cannot hold NUL in text, so a query parameter or a JSON string with one would
    end as a server error in whichever query met it first (schemathesis found
    `/api/v1/municipalities?county=%00`). Django's form fields already refuse NUL; this covers
    the path, query parameters and JSON bodies, which reach the API without a form.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._carries_nul(request):
            message = translation.gettext("Förfrågan innehåller ett otillåtet tecken (NUL).")
            if request.path.startswith(API_PREFIX):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    @staticmethod
    def _carries_nul(request: HttpRequest) -> bool:
        if "\x00" in request.path:
            return True
        if any("\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()):
            return True
        if request.method in {"POST", "PUT", "PATCH"} and request.content_type == "application/json":
            body = request.body
            return b"\x00" in body or b"\\u0000" in body
        return False


_POLICY_ATTRIBUTES = (
    "_csp_config", "_csp_update", "_csp_replace", "_csp_config_ro", "_csp_update_ro", "_csp_replace_ro",
)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the settings' policy built once instead of on every response.

    django-csp builds the header from the settings on every response (about a twentieth of a
    report's Python). Here a response whose view changed nothing of the policy (no decorator,
    no nonce asked for) gets the header built once per settings; anything else is django-csp's.
    """

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if getattr(request, "_csp_nonce", None) is not None or any(
            hasattr(response, name) for name in _POLICY_ATTRIBUTES
        ):
            return super().process_response(request, response)
        if response.status_code in (500, 404) and settings.DEBUG:
            return response
        for header, exempt, policy, prefixes in _settings_policies():
            if (policy and header not in response and getattr(response, exempt, False) is False
                    and not request.path_info.startswith(prefixes)):
                response[header] = policy
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)  # type: ignore[attr-defined]
        return response


@functools.cache
def _settings_policies() -> tuple[tuple[str, str, str, tuple[str, ...]], ...]:
    """(header, exemption attribute, policy, excluded path prefixes) for the policy and the report-only one."""
    enforced = getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}
    report_only = getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None) or {}
    return (
        (HEADER, "_csp_exempt", build_policy(), tuple(enforced.get("EXCLUDE_URL_PREFIXES", None) or ())),
        (HEADER_REPORT_ONLY, "_csp_exempt_ro", build_policy(report_only=True),
         tuple(report_only.get("EXCLUDE_URL_PREFIXES", None) or ())),
    )


@receiver(setting_changed)
def _forget_policies(*, setting: str, **kwargs: object) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _settings_policies.cache_clear()


class MessageMiddleware(DjangoMessageMiddleware):
    """Django's messages, for pages only: the JSON API shows none (a tenth of its middleware's work).

    A message added while answering the API is refused as with no messages at all
    (``MessageFailure``), so none is silently lost.
    """

    def process_request(self, request: HttpRequest) -> None:
        if not request.path_info.startswith(API_PREFIX):
            super().process_request(request)
