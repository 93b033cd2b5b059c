"""One error shape for the whole API: ``{"error": message, "status": code}``.

Field problems add ``"fields": {name: message}``, in the words of the import format.
"""

from __future__ import annotations

from django.http import JsonResponse


class ApiError(Exception):
    def __init__(
        self, status: int, message: str, fields: dict[str, str] | None = None, headers=None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.fields = fields or {}
        self.headers = headers or {}

    def response(self) -> JsonResponse:
        body: dict = {"error": self.message, "status": self.status}
        if self.fields:
            body["fields"] = self.fields
        response = JsonResponse(body, status=self.status, json_dumps_params={"ensure_ascii": False})
        for name, value in self.headers.items():
            response[name] = value
        return response
