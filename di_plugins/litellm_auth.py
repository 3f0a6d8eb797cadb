"""LiteLLM ``general_settings.custom_auth`` function: accepts the keys of the gateway's key store.

The edge has already authenticated the request and put the tenant on the request context; this
function turns it into the ``UserAPIKeyAuth`` LiteLLM expects (tenant as ``team_id``). It rejects
with ``HTTPException(401)`` (a plain exception would become a bare 500 in this LiteLLM version).
"""

from __future__ import annotations

from fastapi import HTTPException, Request
from litellm.proxy._types import UserAPIKeyAuth

from .context import current_context
from .gateway import get_gateway


async def user_api_key_auth(request: Request, api_key: str | None) -> UserAPIKeyAuth:
    ctx = current_context.get()
    tenant = ctx.tenant if ctx is not None else get_gateway().keys.lookup(api_key)
    if tenant is None:
        raise HTTPException(status_code=401, detail={"error": "Incorrect API key provided."})
    return UserAPIKeyAuth(api_key=api_key, team_id=tenant.tenant, key_alias=tenant.key_name,
                          user_id=tenant.tenant)
