"""Question types, one module each: its model, grading, answer-key text and wrong-answer listings.

`registry` maps a type name (the `type:` of a bank entry) to its class. Importing this package registers
the built-in types of `BUILT_IN`, in that order. A new type is one module like truefalse.py, listed here
(or registered by whoever imports it), plus its input control in widgets/views/inputs.py.
"""

from . import registry
from .base import AnswerError, Option, QuestionBase, Result
from .multiple import MultipleSelect
from .numeric import Numeric
from .ordering import Ordering, OrderItem
from .single import SingleChoice
from .truefalse import TrueFalse

BUILT_IN = (SingleChoice, MultipleSelect, TrueFalse, Numeric, Ordering)
for _cls in BUILT_IN:
    registry.register(_cls)

__all__ = [
    "BUILT_IN",
    "AnswerError",
    "MultipleSelect",
    "Numeric",
    "Option",
    "OrderItem",
    "Ordering",
    "QuestionBase",
    "Result",
    "SingleChoice",
    "TrueFalse",
    "registry",
]
