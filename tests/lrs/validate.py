"""Validate xAPI statements with Ralph's pydantic models; run with the LRS's Python (``.venv-lrs/bin/python``).

Reads a JSON list of statements on standard input and prints a JSON list of problems, one
``[index, message]`` per invalid statement (``[]``: all valid). Each statement must pass Ralph's
``BaseXapiStatement`` (the xAPI 1.0.3 structure, no empty values), its verb must be the ADL verb model of
the same name, its actor an agent with an account, and its object an activity. Ralph lives in its own venv
because its LRS extra pins fastapi, uvicorn and httpx exactly; its models need only pydantic, but installing
them in the lessons' venv would also pin importlib-metadata below what the lessons' venv has.
"""

from __future__ import annotations

import json
import sys

from pydantic import ValidationError
from ralph.models.xapi.base.agents import BaseXapiAgentWithAccount
from ralph.models.xapi.base.statements import BaseXapiStatement
from ralph.models.xapi.base.unnested_objects import BaseXapiActivity
from ralph.models.xapi.concepts.verbs.adl_vocabulary import AnsweredVerb
from ralph.models.xapi.concepts.verbs.scorm_profile import CompletedVerb  # the ADL verb, listed in the SCORM profile

VERBS = {"answered": AnsweredVerb, "completed": CompletedVerb}


def problems(statements: list[dict]) -> list[list]:
    out: list[list] = []
    for i, statement in enumerate(statements):
        try:
            BaseXapiStatement.model_validate(statement)
            BaseXapiAgentWithAccount.model_validate(statement["actor"])
            BaseXapiActivity.model_validate(statement["object"])
            verb = statement["verb"]["display"]["en-US"]
            VERBS[verb].model_validate(statement["verb"])
        except (ValidationError, KeyError, TypeError) as e:
            out.append([i, str(e)])
    return out


if __name__ == "__main__":
    print(json.dumps(problems(json.load(sys.stdin))))
