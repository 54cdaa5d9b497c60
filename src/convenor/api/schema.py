"""Completes the OpenAPI schema with the error answers every operation can give.

Any operation with parameters can answer 400 (a malformed value), any operation with a body
400 (unparseable body) and 422 (a broken rule), any authenticated one 401. They are added here
once rather than repeated on every endpoint, so the schema always says what the API does.
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI

from convenor.core.schemas import ErrorOut

ERROR_REF = {"$ref": "#/components/schemas/ErrorOut"}
DESCRIPTIONS = {
    "400": "Malformed input; `field` names the culprit.",
    "401": "A valid bearer token is required.",
    "422": "The input breaks a rule; `field` names the culprit.",
    "503": "The database is briefly unavailable; send the same request again after "
    "the number of seconds in the Retry-After header.",
}


def _error_response(code: str) -> dict[str, Any]:
    return {
        "description": DESCRIPTIONS[code],
        "content": {"application/json": {"schema": ERROR_REF}},
    }


def complete_error_responses(schema: dict[str, Any]) -> dict[str, Any]:
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault(
        "ErrorOut", ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
    )
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            needed = ["503"]
            if operation.get("parameters") or operation.get("requestBody"):
                needed.append("400")
            if operation.get("requestBody"):
                needed.append("422")
            if operation.get("security"):
                needed.append("401")
            for code in needed:
                operation["responses"].setdefault(code, _error_response(code))
    return schema


class ConvenorAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):  # type: ignore[override]
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return complete_error_responses(schema)  # type: ignore[return-value]
