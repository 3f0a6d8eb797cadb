"""Strict JSON: replies that keep a request's JSON contract, repaired within the effort's budget.

The policy behind the built-in ``di.strict_json`` plugin (:mod:`di_plugins.builtin.strict_json`), which
the journey consults through the ``di_check_reply`` hook:

* :mod:`.validate`: a request's contract (``response_format`` ``json_schema`` / ``json_object``,
  function tools and forced calls) and its validators (``jsonschema``, Draft 2020-12, formats off
  unless the schema asks; compiled once per schema, bounded LRU);
* :mod:`.fastcheck`: the common JSON Schema subset compiled into closures (exact; ``jsonschema`` stays
  authoritative and words the errors);
* :mod:`.repair`: the deterministic repair rules, one function each (fences, surrounding prose,
  comments, Python literals, single quotes, unquoted keys, trailing commas); none changes data;
* :mod:`.policy`: check and repair each choice, then send, re-ask or retry with more tokens within
  the effort's budget; a reply still invalid is sent as the backend gave it;
* :mod:`.settings`: ``di.json.repair``.

A re-ask is never made here: the policy returns the body of the next call and the journey makes it,
through the router of the request's model group, like the first call.
"""
