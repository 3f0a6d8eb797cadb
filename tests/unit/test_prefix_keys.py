"""Prefix keys: tenant namespaces, cache_salt, the hash chain, thresholds and prompt_cache_key keys."""

from __future__ import annotations

import re

from di_plugins.prefix.breakpoints import parse
from di_plugins.prefix.keys import (
    cache_salt,
    derive_secret,
    prefix_keys,
    prompt_cache_key_key,
    tenant_namespace,
)

SECRET = b"s3cret"
EPH = {"type": "ephemeral"}
HOUR = {"type": "ephemeral", "ttl": "1h"}
SYSTEM = "You are the support assistant of ACME. " * 200      # ~2000 tokens
KEY_RE = re.compile(r"^di:pfx:[0-9a-f]{16}:[^:]+:[0-9a-f]{32}$")


def request(system: str = SYSTEM, docs: str = "reference " * 800, question: str = "hi", *,
            tool_name: str = "lookup") -> dict:
    return {"model": "m",
            "tools": [{"type": "function", "function": {"name": tool_name, "parameters": {}}}],
            "messages": [{"role": "system", "content": [{"type": "text", "text": system, "cache_control": HOUR}]},
                         {"role": "user", "content": [{"type": "text", "text": docs, "cache_control": EPH}]},
                         {"role": "user", "content": question}]}


def keys_of(r: dict, tenant: str = "acme", group: str = "pro", **kw) -> list:
    blocks, bps = parse(r)
    return prefix_keys(blocks, bps, namespace=tenant_namespace(SECRET, tenant), group=group, **kw)


def test_tenant_namespace_and_cache_salt_are_keyed_hashes():
    ns = tenant_namespace(SECRET, "acme")
    assert re.fullmatch(r"[0-9a-f]{16}", ns) and ns == tenant_namespace(SECRET, "acme")
    assert ns != tenant_namespace(SECRET, "globex") and ns != tenant_namespace(b"other", "acme")
    salt = cache_salt(SECRET, "acme")
    assert re.fullmatch(r"[0-9a-f]{32}", salt) and "acme" not in salt
    assert not salt.startswith(ns)           # domain-separated from the namespace
    assert salt != cache_salt(SECRET, "globex") and salt != cache_salt(b"other", "acme")
    assert tenant_namespace("s3cret", "acme") == ns   # str secrets are UTF-8


def test_derive_secret_is_stable_and_not_the_master_key():
    s = derive_secret("sk-master")
    assert s == derive_secret("sk-master") != derive_secret("sk-other")
    assert b"sk-master" not in s and len(s) == 32


def test_one_key_per_breakpoint_shortest_first_with_ttls_and_tokens():
    ks = keys_of(request())
    assert [k.ttl for k in ks] == [3600, 300]
    assert [k.breakpoint.path for k in ks] == ["messages[0].content[0]", "messages[1].content[0]"]
    assert ks[0].tokens < ks[1].tokens
    assert 1950 <= ks[0].tokens <= 2050 and 3950 <= ks[1].tokens <= 4100   # chars / 4 + framing
    assert all(KEY_RE.match(k.key) for k in ks)


def test_keys_reveal_no_prompt_text_or_tenant():
    for k in keys_of(request(system="TOPSECRETWORD " * 400), tenant="acme-corp", group="pro"):
        assert "TOPSECRET" not in k.key and "acme" not in k.key


def test_same_prefix_same_key_whatever_follows():
    a = keys_of(request(question="first question"))
    b = keys_of(request(question="something else entirely"))
    assert [k.key for k in a] == [k.key for k in b]


def test_other_tenant_or_group_never_shares_a_key():
    base = {k.key for k in keys_of(request())}
    assert base.isdisjoint(k.key for k in keys_of(request(), tenant="globex"))
    assert base.isdisjoint(k.key for k in keys_of(request(), group="flash"))


def test_a_change_in_an_early_block_changes_every_later_key():
    base = keys_of(request())
    changed_block1 = keys_of(request(system=SYSTEM + "!"))       # block 1 = the system part
    assert all(x.key != y.key for x, y in zip(base, changed_block1, strict=True))
    changed_tool = keys_of(request(tool_name="search"))         # block 0 = the tool
    assert all(x.key != y.key for x, y in zip(base, changed_tool, strict=True))
    changed_docs = keys_of(request(docs="other " * 1300))       # block 2: first key unchanged
    assert base[0].key == changed_docs[0].key and base[1].key != changed_docs[1].key


def test_min_tokens_drops_short_prefixes():
    r = request(system="short system prompt", docs="d " * 3000)
    ks = keys_of(r)
    assert [k.breakpoint.path for k in ks] == ["messages[1].content[0]"]
    assert len(keys_of(r, min_tokens=0)) == 2
    assert keys_of(r, min_tokens=10**6) == []


def test_key_prefix_and_secret():
    ks = keys_of(request(), key_prefix="x:y")
    assert all(k.key.startswith("x:y:") for k in ks)
    plain = [k.key for k in keys_of(request())]
    keyed = [k.key for k in keys_of(request(), secret=SECRET)]
    assert keyed != plain and keyed == [k.key for k in keys_of(request(), secret=SECRET)]


def test_no_breakpoints_no_keys():
    assert prefix_keys([], [], namespace="n", group="g") == []


def test_prompt_cache_key_keys():
    ns_a, ns_b = tenant_namespace(SECRET, "acme"), tenant_namespace(SECRET, "globex")
    k = prompt_cache_key_key("user-42-session", namespace=ns_a, group="pro")
    assert re.fullmatch(r"di:pfx:[0-9a-f]{16}:pro:pck:[0-9a-f]{32}", k) and "user-42" not in k
    assert k == prompt_cache_key_key("user-42-session", namespace=ns_a, group="pro")
    assert k != prompt_cache_key_key("user-43-session", namespace=ns_a, group="pro")
    assert k != prompt_cache_key_key("user-42-session", namespace=ns_b, group="pro")
    assert k != prompt_cache_key_key("user-42-session", namespace=ns_a, group="flash")
    assert k != prompt_cache_key_key("user-42-session", namespace=ns_a, group="pro", secret=SECRET)
    assert prompt_cache_key_key("x", namespace="n", group="g", key_prefix="p").startswith("p:n:g:pck:")
