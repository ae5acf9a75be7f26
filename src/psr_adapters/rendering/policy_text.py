"""A policy version for people: each rule with its clause, quoted text and parameters."""

from __future__ import annotations

import textwrap
from typing import Any

from psr_core import RULES, Policy


def _value(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_value(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def policy_text(policy: Policy, width: int = 100) -> str:
    wrap = textwrap.TextWrapper(width=width, initial_indent="      ", subsequent_indent="      ")
    lines = [
        f"{policy.id}: {policy.title}",
        f"  source: {policy.document}",
        f"  in force from {policy.effective_from.isoformat()}",
    ]
    if policy.extends:
        lines.append(f"  extends {policy.extends}")
    if policy.description:
        lines.extend(textwrap.wrap(policy.description, width, initial_indent="  ", subsequent_indent="  "))
    lines.append("")
    lines.append(f"Rules ({len(policy.rules)}):")
    for rule_id in sorted(policy.rules):
        terms = policy.rules[rule_id]
        rule = RULES[rule_id]
        lines.append(f"  {rule_id}  [clause {terms.clause}, {terms.severity.value}]")
        lines.extend(textwrap.wrap(rule.summary, width, initial_indent="    ", subsequent_indent="    "))
        for citation in terms.citations:
            lines.append(f"    {citation.clause}:")
            lines.extend(wrap.wrap(f"“{citation.text}”"))
        if rule.uses:
            lines.append("    parameters: " + ", ".join(rule.uses))
    lines.append("")
    lines.append(f"Parameters ({len(policy.parameters)}):")
    for name in sorted(policy.parameters):
        parameter = policy.parameters[name]
        marker = " (interpretation)" if parameter.interpretation else ""
        lines.append(f"  {name}{marker}  [clause {parameter.citation.clause}]")
        for dated in parameter.values:
            lines.append(f"    from {dated.since.isoformat()}: {_value(dated.value)}")
        lines.extend(
            textwrap.wrap(parameter.description, width, initial_indent="    ", subsequent_indent="    ")
        )
    return "\n".join(lines) + "\n"


def policy_document(policy: Policy) -> dict[str, Any]:
    """A policy as JSON: rules with citations, parameters with dated values."""
    return {
        "id": policy.id,
        "title": policy.title,
        "document": policy.document,
        "effective_from": policy.effective_from.isoformat(),
        "extends": policy.extends,
        "rules": {
            rule_id: {
                "clause": terms.clause,
                "severity": terms.severity.value,
                "summary": RULES[rule_id].summary,
                "citations": [
                    {"document": c.document, "clause": c.clause, "text": c.text} for c in terms.citations
                ],
                "parameters": list(RULES[rule_id].uses),
            }
            for rule_id, terms in sorted(policy.rules.items())
        },
        "parameters": {
            name: {
                "description": p.description,
                "interpretation": p.interpretation,
                "clause": p.citation.clause,
                "text": p.citation.text,
                "values": [{"since": d.since.isoformat(), "value": d.value} for d in p.values],
            }
            for name, p in sorted(policy.parameters.items())
        },
    }
