"""Callback requests shaped as the Dash renderer sends them, for tests and benchmarks that talk to
the server as a browser would without starting one."""

from __future__ import annotations


def callback_key(app, prefix: str) -> str:
    [key] = [k for k in app.callback_map if k.startswith(prefix)]
    return key


def callback_body(app, key: str, inputs: list, state: list, changed: str | None = None) -> dict:
    """A callback request shaped as the Dash renderer sends it, with the given values;
    ``changed`` ('component-id.property') is what triggered it (default: the first input)."""
    spec = app.callback_map[key]

    def target(output) -> dict:
        component, prop = str(output).rsplit(".", 1)
        return {"id": component, "property": prop}

    outputs = spec["output"]
    return {
        "output": key,
        "outputs": [target(o) for o in outputs] if isinstance(outputs, list) else target(outputs),
        "inputs": [{**i, "value": v} for i, v in zip(spec["inputs"], inputs, strict=True)],
        "state": [{**s, "value": v} for s, v in zip(spec["state"], state, strict=True)],
        "changedPropIds": [changed or f"{spec['inputs'][0]['id']}.{spec['inputs'][0]['property']}"],
    }
