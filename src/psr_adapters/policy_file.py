"""Policy files: a terms-of-reference version written as YAML (or JSON), extending a built-in one.

```yaml
format: psr-policy/1
id: chorley-2015-lenient
title: Chorley 2015, reading apologies as attendance
extends: chorley-2015
parameters:
  apologies_count_as_missed: false                  # throughout
  agenda_notice_days:                               # dated values
    - {since: 2017-01-01, value: 7}
  deemed_resignation_after: {value: 4, clause: "4.2", text: "Missing four consecutive meetings ..."}
rules:
  off: [attendance.deputy]
  on:                                               # a rule another built-in version adopts,
    decision.decision-maker: {clause: "5.1", text: "The Board takes the partnership's decisions."}
    meeting.agenda-notice: {clause: "4.1", text: "..."}   # or one in force, cited by your own clause
```

A value must be of the same kind as the one it replaces; unknown keys, parameters and rules are errors.
A rule switched on takes its terms (clause, quoted text, severity) from the first built-in version that
adopts it unless the file gives its own ``clause`` and ``text``, and any parameter it reads that the
extended version lacks comes from that built-in version too (and may then be set under ``parameters``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import attrs

from psr_core import (
    RULES,
    Citation,
    Policy,
    PolicyError,
    RuleTerms,
    built_in_policies,
    built_in_policy,
    check_policy,
)
from psr_core.policy import Parameter, value_problem

from .documents import read_document
from .errors import PolicyFileError, Problem

FORMAT = "psr-policy/1"
_TOP = {"format", "id", "title", "extends", "description", "document", "parameters", "rules"}


class _Problems:
    def __init__(self) -> None:
        self.found: list[Problem] = []

    def add(self, path: str, message: str) -> None:
        self.found.append(Problem(path, message))


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _same_kind(value: Any, like: Any) -> bool:
    if isinstance(like, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(like, bool)
    return isinstance(value, type(like)) or (isinstance(like, list) and isinstance(value, list))


def _date(text: Any, path: str, problems: _Problems) -> date | None:
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        problems.add(path, f"expected a date written YYYY-MM-DD; found {text!r}")
        return None


def policy_from_document(document: Any, source: str) -> Policy:
    """The policy a parsed policy file describes, or a :class:`PolicyFileError` listing every problem."""
    problems = _Problems()
    if not isinstance(document, dict):
        raise PolicyFileError(
            source, [Problem("", "expected a mapping with format: psr-policy/1 at the top")]
        )
    for key in sorted(set(document) - _TOP):
        problems.add(key, f"unknown key {key!r} (allowed: {', '.join(sorted(_TOP))})")
    if document.get("format") != FORMAT:
        problems.add("format", f"expected {FORMAT!r}; found {document.get('format')!r}")
    for key in ("id", "extends"):
        if not isinstance(document.get(key), str) or not document.get(key):
            problems.add(key, "missing: expected text")
    if problems.found:
        raise PolicyFileError(source, problems.found)
    try:
        base = built_in_policy(document["extends"])
    except PolicyError as exc:
        raise PolicyFileError(source, [Problem("extends", str(exc))]) from None
    rules = dict(base.rules)
    parameters = dict(base.parameters)
    rule_section = document.get("rules") or {}
    if not isinstance(rule_section, dict):
        problems.add("rules", "expected a mapping with the keys off and on")
        rule_section = {}
    for key in sorted(set(rule_section) - {"off", "on"}):
        problems.add(f"rules.{key}", f"unknown key {key!r} (allowed: off, on)")
    _switch_on(rule_section.get("on") or {}, document, rules, parameters, problems)
    given_parameters = document.get("parameters") or {}
    if not isinstance(given_parameters, dict):
        problems.add("parameters", "expected a mapping from parameter name to value")
        given_parameters = {}
    for name, given in given_parameters.items():
        where = f"parameters.{name}"
        if name not in parameters:
            problems.add(
                where,
                f"{base.id} has no parameter {name!r} (it has: {', '.join(sorted(parameters))})",
            )
            continue
        changed = _parameter(parameters[name], given, where, document, problems)
        if changed is not None:
            parameters[name] = changed
    off = rule_section.get("off") or []
    if not isinstance(off, list):
        problems.add("rules.off", f"expected a list of rule ids, like [attendance.deputy]; found {off!r}")
        off = []
    for index, rule in enumerate(off):
        if rule not in rules:
            problems.add(f"rules.off[{index}]", f"{base.id} has no rule {rule!r}")
        else:
            del rules[rule]
    if problems.found:
        raise PolicyFileError(source, problems.found)
    policy = attrs.evolve(
        base,
        id=document["id"],
        title=str(document.get("title") or document["id"]),
        document=str(document.get("document") or f"{document['id']} (extends {base.id}: {base.document})"),
        description=str(document.get("description") or ""),
        extends=base.id,
        rules=rules,
        parameters=parameters,
    )
    try:
        check_policy(policy)
    except PolicyError as exc:
        raise PolicyFileError(source, [Problem("rules", str(exc))]) from None
    return policy


def _switch_on(
    section: Any,
    document: dict[str, Any],
    rules: dict[str, RuleTerms],
    parameters: dict[str, Parameter],
    problems: _Problems,
) -> None:
    """Adopt the rules under ``rules.on``, with their terms and parameters from a built-in version."""
    entries = {rule: {} for rule in section} if isinstance(section, list) else section
    if not isinstance(entries, dict):
        problems.add("rules.on", "expected a list of rule ids, or a mapping of rule id to clause and text")
        return
    for rule_id, given in entries.items():
        where = f"rules.on.{rule_id}"
        given = given or {}
        if rule_id not in RULES:
            problems.add(where, f"there is no rule {rule_id!r} (the rules are: {', '.join(sorted(RULES))})")
            continue
        if not isinstance(given, dict) or set(given) - {"clause", "text", "severity", "since"}:
            problems.add(where, "expected a mapping with clause, text, severity and since (all optional)")
            continue
        source = next((p for p in built_in_policies() if rule_id in p.rules), None)
        if source is not None:
            terms = source.rules[rule_id]
        elif "clause" in given and "text" in given:
            terms = RuleTerms(clause=str(given["clause"]), citations=[_citation(document, given)])
        else:
            problems.add(where, "no built-in version adopts this rule: give its clause and text")
            continue
        if "clause" in given:
            terms = attrs.evolve(terms, clause=str(given["clause"]), citations=[_citation(document, given)])
        if "severity" in given:
            if given["severity"] not in ("breach", "action", "info"):
                problems.add(
                    f"{where}.severity", f"expected breach, action or info; found {given['severity']!r}"
                )
                continue
            terms = attrs.evolve(terms, severity=given["severity"])
        if "since" in given:
            terms = attrs.evolve(terms, since=_date(given["since"], f"{where}.since", problems))
        rules[rule_id] = terms
        for name in RULES[rule_id].uses:
            if name not in parameters:
                donor = next((p for p in built_in_policies() if name in p.parameters), None)
                if donor is None:
                    problems.add(
                        where, f"the rule reads the parameter {name!r}, which no built-in version defines"
                    )
                else:
                    parameters[name] = donor.parameters[name]


def _citation(document: dict[str, Any], given: dict[str, Any]) -> Citation:
    return Citation(
        document=str(document.get("document") or document["id"]),
        clause=str(given.get("clause", "")),
        text=str(given.get("text", "")),
    )


_WRAPPER = {"value", "since", "clause", "text"}


def _is_wrapper(given: Any) -> bool:
    """``{value: ..., since: ..., clause: ..., text: ...}`` rather than a value that is itself a mapping
    (no tier, the keys of mapping values, is called ``value``)."""
    return isinstance(given, dict) and "value" in given and set(given) <= _WRAPPER


def _parameter(
    parameter: Parameter, given: Any, where: str, document: dict[str, Any], problems: _Problems
) -> Parameter | None:
    like = parameter.values[0].value
    if _is_wrapper(given):
        entries, paths = [given], [where]
    elif isinstance(given, list) and given and all(isinstance(e, dict) and "since" in e for e in given):
        entries, paths = given, [f"{where}[{index}]" for index in range(len(given))]
    else:
        entries, paths = [{"value": given}], [where]
    changed = parameter
    dated: list[tuple[date | None, Any]] = []
    for entry, path in zip(entries, paths, strict=True):
        for key in sorted(set(entry) - _WRAPPER):
            problems.add(f"{path}.{key}", f"unknown key {key!r} (allowed: {', '.join(sorted(_WRAPPER))})")
        if "text" in entry and "clause" not in entry:
            problems.add(f"{path}.text", "a quoted text needs the clause it comes from: add clause")
        if "clause" in entry:
            changed = attrs.evolve(changed, citation=_citation(document, entry))
        value = entry.get("value")
        if not _same_kind(value, like):
            problems.add(path, f"expected {_kind(like)} like {like!r}; found {_kind(value)} {value!r}")
            return None
        problem = value_problem(parameter.name, value)
        if problem:
            problems.add(path, problem)
            return None
        since = _date(entry["since"], f"{path}.since", problems) if entry.get("since") is not None else None
        dated.append((since, value))
    for since, value in sorted(dated, key=lambda pair: (pair[0] is not None, pair[0] or date.min)):
        changed = changed.with_value(value, since)
    return changed


def read_policy_file(path: str | Path) -> Policy:
    """Read the policy file at ``path``."""
    return policy_from_document(read_document(path, PolicyFileError), str(path))


def resolve_policy(reference: str, base: Path | None = None) -> Policy:
    """A built-in policy by id, else the policy file at ``reference`` (relative to ``base`` if given)."""
    try:
        return built_in_policy(reference)
    except PolicyError:
        candidate = Path(reference) if base is None else base / reference
        if candidate.is_file() or any(reference.endswith(e) for e in (".yaml", ".yml", ".json")):
            return read_policy_file(candidate)
        raise
