"""Checking a row of an import file and planning what writing it takes.

``RowChecker`` holds the rules of a row: its cells converted and set on the item (or a new
one), the model's own validation run without its queries, and the translations the row
names. Its result is a ``RowPlan`` (the objects to create, publish or save as a draft) or a
rejected row in the report. It reads nothing from the database: ``Importer`` (its subclass,
``catalogue.csv_import.importer``) reads what rows are checked against once per file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext

from ..models import Item
from .cells import clean_text, contents_text, decimal_text, formula_sign
from .columns import (
    COLUMN_BY_KEY,
    ITEM_FIELDS,
    KEEP_WHEN_EMPTY,
    NUMBER_FIELDS,
    SYNCHRONIZED,
    TEXTS,
    normalize_header,
)
from .report import RowResult


class RowRejected(Exception):
    """A row cannot be imported, for these reasons (each one as the user reads it)."""

    def __init__(self, reasons):
        self.reasons = list(reasons)
        super().__init__(" ".join(str(r) for r in self.reasons))


@dataclass
class RowPlan:
    """A checked row and what writing it takes (see ``bulk_publish.publish``)."""

    number: int
    cells: list[str]
    result: RowResult
    outcome: str = ""  # created, updated or unchanged
    creations: list[Item] = field(default_factory=list)
    edits: list[tuple[Item, str]] = field(default_factory=list)  # (object, title before)
    drafts: list[Item] = field(default_factory=list)

    @property
    def objects(self) -> list[Item]:
        return [*self.creations, *(obj for obj, _title in self.edits), *self.drafts]


class RowChecker:
    """Checks the rows of one file against what ``Importer`` read before the first row:

    ``table``, ``report``, ``initiative``, ``default_locale``, ``locales`` and ``languages``
    (the translations the file names), ``checked_columns``, ``categories_by_slug`` and
    ``categories_by_name``, ``items`` by code and their ``translations`` by translation key,
    the unique keys ``taken``, the ``conditions`` and ``statuses`` by name, and the codes
    ``seen`` so far.
    """

    def _values(self, cells):
        values = {}
        for position, key in enumerate(self.table.columns):
            if key is not None:
                values[key] = cells[position] if position < len(cells) else ""
        return values

    def _check(self, number, cells) -> RowPlan | None:
        """Check a row and plan what writing it takes; a rejected row is reported (None)."""
        values = self._values(cells)
        code = values["code"].strip()
        result = RowResult(row=number, code=code, name=values["name"].strip())
        try:
            if len(cells) > len(self.table.columns) and any(
                c.strip() for c in cells[len(self.table.columns) :]
            ):
                raise RowRejected(
                    [
                        gettext(
                            "This row has more cells than the file has columns: is there a "
                            "separator (%(delimiter)s) inside a value? Put such values "
                            "between double quotes."
                        )
                        % {"delimiter": self.table.delimiter.replace("\t", "tab")}
                    ]
                )
            if not code:
                raise RowRejected([self._message("code", self._field_message("code", "blank"))])
            if self.seen.get(code, number) != number:
                raise RowRejected(
                    [
                        gettext(
                            "The code %(code)s already occurs in row %(row)d: each item once "
                            "per file."
                        )
                        % {"code": code, "row": self.seen[code]}
                    ]
                )
            self.seen[code] = number
            self._refuse_formulas(values)
            return self._plan(number, cells, values, code, result)
        except RowRejected as rejected:
            self._reject(result, rejected.reasons)
            return None

    def _reject(self, result, reasons):
        result.reasons = [str(reason) for reason in reasons]
        result.item = None
        result.translations = []
        self.report.rejected.append(result)

    def _refuse_formulas(self, values):
        reasons = []
        for key in self.checked_columns:
            sign = formula_sign(key, values[key])
            if sign is not None:
                message = gettext(
                    "a cell may not start with =, +, - or @: spreadsheet programs run it as a "
                    "formula. Remove the “%(sign)s” or begin the text differently (a number "
                    "such as -5 is fine)."
                ) % {"sign": sign}
                reasons.append(self._message(key, message))
        if reasons:
            raise RowRejected(reasons)

    # Building and validating --------------------------------------------------------------

    def _field_message(self, name, key):
        return Item._meta.get_field(name).error_messages[key]

    def _message(self, key, message):
        """A reason as the user reads it: the column as the file names it, then the message."""
        if key == NON_FIELD_ERRORS:
            return str(message)
        if key in self.table.columns:
            label = self.table.header_of(key)
        elif key in COLUMN_BY_KEY:
            label = COLUMN_BY_KEY[key].dutch
        else:
            label = capfirst(Item._meta.get_field(key).verbose_name)
        return f"{label}: {message}"

    def _errors(self, error: ValidationError, language=None):
        messages = []
        for name, field_messages in error.message_dict.items():
            key = name
            if language and name in TEXTS:
                key = f"{name}_{language}"
            for message in field_messages:
                text = self._message(key, message)
                if language and key == name:
                    text = f"({language.upper()}) {text}"
                messages.append(text)
        return messages

    def _category(self, text):
        if not text:
            return None, None
        category = self.categories_by_slug.get(text.casefold())
        if category is not None:
            return category, None
        named = self.categories_by_name.get(text.casefold(), [])
        if len(named) == 1:
            return named[0], None
        if named:
            return None, gettext(
                "%(name)s is the name of several categories; use one of their slugs: %(slugs)s."
            ) % {"name": text, "slugs": ", ".join(sorted(c.slug for c in named))}
        return None, gettext(
            "Unknown category “%(category)s”: use the slug or the Dutch name of an existing "
            "category."
        ) % {"category": text}

    def _apply(self, item, values, is_new):
        """Set the row's values on ``item``; returns the conversion errors by field."""
        errors = {}
        for key in ITEM_FIELDS:
            if key not in values:
                continue
            raw = values[key]
            if key == "category":
                category, problem = self._category(raw.strip())
                if problem:
                    errors[key] = [problem]
                elif category is not None:
                    item.category = category
                else:
                    item.category_id = None
                continue
            if key in KEEP_WHEN_EMPTY:
                text = raw.strip()
                if not text:
                    if is_new:
                        setattr(item, key, Item._meta.get_field(key).get_default())
                    continue
                lookup = self.conditions if key == "condition" else self.statuses
                # An unknown value is left for full_clean, whose message names the choices.
                setattr(item, key, lookup.get(normalize_header(text), text))
                continue
            if key in NUMBER_FIELDS:
                text = raw.strip()
                if key == "deposit":
                    text = decimal_text(text)
                if not text:
                    setattr(item, key, None)
                    continue
                try:
                    value = Item._meta.get_field(key).to_python(text)
                except ValidationError as error:
                    errors[key] = error.messages
                    setattr(item, key, None)
                    continue
                setattr(item, key, value)
                continue
            if key == "contents":
                setattr(item, key, contents_text(clean_text(raw)))
                continue
            setattr(item, key, clean_text(raw))
        return errors

    def _validate(self, obj, conversion_errors, number, language=None):
        """The model's validation, without its queries: the relations hold rows read at the
        start (initiative, locale, categories) or set by Wagtail (revisions), and the unique
        code is checked against the codes read at the start and those the file claims."""
        messages = []
        for key, field_messages in conversion_errors.items():
            messages += [self._message(key, message) for message in field_messages]
        relations = [
            f.name
            for f in Item._meta.concrete_fields
            if f.is_relation and getattr(obj, f.attname) is not None
        ]
        try:
            obj.full_clean(
                exclude=[*conversion_errors, *relations],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            messages += self._errors(error, language=language)
        holder = self.taken.get(_unique_key(obj), obj.pk or ("row", number))
        if holder != (obj.pk or ("row", number)):
            unique = ("initiative", "code", "locale")
            error = ValidationError({NON_FIELD_ERRORS: [obj.unique_error_message(Item, unique)]})
            messages += self._errors(error, language=language)
        if messages:
            raise RowRejected(messages)

    @staticmethod
    def _state(item, names):
        return {name: getattr(item, _attname(name)) for name in names}

    def _plan(self, number, cells, values, code, result) -> RowPlan:
        # Each code is handled once per file (a repeat is rejected before it gets here), so
        # a cached item changed in memory by a rejected row is never looked at again.
        plan = RowPlan(number, cells, result)
        item = self.items.get(code)
        is_new = item is None
        if is_new:
            item = Item(
                initiative=self.initiative, code=code, locale=self.default_locale, live=False
            )
        compared = (*ITEM_FIELDS, *SYNCHRONIZED)
        before = None if is_new else self._state(item, compared)
        title = None if is_new else str(item)
        self._validate(item, self._apply(item, values, is_new), number)
        changed = is_new or self._state(item, compared) != before
        if is_new:
            plan.creations.append(item)
        elif changed:
            plan.edits.append((item, title))
        result.item = item
        result.name = item.name
        result.translations = self._plan_translations(
            plan, item, values, source_changed=changed and not is_new
        )
        for obj in plan.objects:
            self.taken[_unique_key(obj)] = obj.pk or ("row", number)
        if is_new:
            plan.outcome = "created"
        else:
            plan.outcome = "updated" if changed or result.translations else "unchanged"
        return plan

    def _plan_translations(self, plan, item, values, source_changed):
        """Plan the translations the row names, created or updated, and give every translation
        the item's new shared values when the item changed. Returns the languages changed."""
        changed = []
        existing = {
            translation.locale.language_code: translation
            for translation in self.translations.get(item.translation_key, [])
        }
        for language in dict.fromkeys([*self.languages, *existing]):
            name = description = ""
            if language in self.languages:
                name = clean_text(values.get(f"name_{language}", ""))
                description = clean_text(values.get(f"description_{language}", ""))
            translation = existing.get(language)
            if translation is None:
                if not (name or description):
                    continue
                translation = item.copy_for_translation(self.locales[language])
                # The copy holds the ids: give it the rows the item holds.
                for relation in ("initiative", "category"):
                    if getattr(translation, f"{relation}_id") == getattr(item, f"{relation}_id"):
                        setattr(translation, relation, getattr(item, relation))
                self._set_texts(translation, name, description)
                self._validate(translation, {}, plan.number, language=language)
                plan.creations.append(translation)
                changed.append(language)
                continue
            before = self._translation_state(translation)
            title = str(translation)
            self._set_texts(translation, name, description)
            if source_changed or self._translation_state(translation) != before:
                for name_ in SYNCHRONIZED:
                    setattr(translation, _attname(name_), getattr(item, _attname(name_)))
            if self._translation_state(translation) == before:
                continue
            self._validate(translation, {}, plan.number, language=language)
            # A translation someone unpublished stays unpublished; its content follows.
            if translation.live:
                plan.edits.append((translation, title))
            else:
                plan.drafts.append(translation)
            changed.append(language)
        return changed

    @staticmethod
    def _set_texts(translation, name, description):
        if name:
            translation.name = name
        if description:
            translation.description = description

    def _translation_state(self, translation):
        return (translation.name, translation.description, self._state(translation, SYNCHRONIZED))


def _unique_key(item):
    return (item.initiative_id, item.code, item.locale_id)


def _attname(name):
    return f"{name}_id" if name in ("category", "initiative") else name
