"""Checking a row of an import file and planning what writing it takes.

``RowChecker`` holds the rules of a row: each row is one copy (or ``aantal`` copies) of an
item; rows with the same name and brand are copies of one item, whose columns come from the
first of them. A row's cells are converted and set on the item (an existing one, found by
the row's code or by its name and brand, or a new one) and on its copies, the model's own
validation runs without its queries, and the translations the row names are planned. Its
result is a ``RowPlan`` (the objects to create, publish or save as a draft, the copies to
create or change) or a rejected row in the report. It reads nothing from the database:
``Importer`` (its subclass, ``catalogue.csv_import.importer``) reads what rows are checked
against once per file. The codes of a row and the rows of one item are
``catalogue.csv_import.copies``' part (``CopyRules``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext

from ..models import Copy, Item
from .cells import clean_text, contents_text, decimal_text, formula_sign
from .columns import COLUMN_BY_KEY, ITEM_FIELDS, NUMBER_FIELDS, SYNCHRONIZED, TEXTS
from .copies import CopyRules, Group, RowRejected, group_key, item_key
from .report import RowResult

__all__ = ["RowChecker", "RowPlan", "RowRejected", "group_key", "item_key"]


@dataclass
class RowPlan:
    """A checked row and what writing it takes (see ``bulk_publish.publish``; the copies are
    written once their item has its id)."""

    number: int
    cells: list[str]
    result: RowResult
    outcome: str = ""  # created, updated or unchanged
    item: Item | None = None  # the default-language row of the row's item
    item_created: bool = False
    item_changed: bool = False  # the item or one of its translations
    creations: list[Item] = field(default_factory=list)
    edits: list[tuple[Item, str]] = field(default_factory=list)  # (object, title before)
    drafts: list[Item] = field(default_factory=list)
    new_copies: list[Copy] = field(default_factory=list)
    changed_copies: list[Copy] = field(default_factory=list)

    @property
    def objects(self) -> list[Item]:
        return [*self.creations, *(obj for obj, _title in self.edits), *self.drafts]


class RowChecker(CopyRules):
    """Checks the rows of one file against what ``Importer`` read before the first row:

    ``table``, ``report``, ``initiative``, ``default_locale``, ``locales`` and ``languages``
    (the translations the file names), ``checked_columns``, ``categories_by_slug`` and
    ``categories_by_name``, the initiative's ``items`` by name and brand and their
    ``translations`` by translation key, its ``copies`` by code, the ``foreign_codes`` (copies
    of other initiatives), the ``slugs`` in use in the initiative and the unique keys
    ``taken``, the ``conditions`` and ``statuses`` by name; and, as the rows go, the codes
    ``seen`` so far, the ``groups`` of rows by name and brand, and the row that set each item
    (``item_rows``, by translation key).
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
        result = RowResult(row=number, code=code, name=values["name"].strip(), codes=[code])
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
                raise RowRejected([self._message("code", _blank_message())])
            codes = self._codes(code, values.get("copies", ""))
            result.codes = codes
            self._claim_codes(number, codes)
            self._refuse_formulas(values)
        except RowRejected as rejected:
            self._reject(result, rejected.reasons)
            return None
        # What checking the row changes in memory is undone when the row is rejected.
        snapshot = self._snapshot(codes, values)
        try:
            return self._plan(number, cells, values, codes, result)
        except RowRejected as rejected:
            self._restore(snapshot)
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

    def _apply(self, item, values):
        """Set the row's item values on ``item``; returns the conversion errors by field."""
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
        address is checked against the addresses read at the start and those the file
        claims."""
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
            unique = ("initiative", "slug", "locale")
            error = ValidationError({NON_FIELD_ERRORS: [obj.unique_error_message(Item, unique)]})
            messages += self._errors(error, language=language)
        if messages:
            raise RowRejected(messages)

    @staticmethod
    def _state(obj, names):
        return {name: getattr(obj, _attname(name)) for name in names}

    # Undoing a rejected row -----------------------------------------------------------------

    def _snapshot(self, codes, values):
        """The objects of the initiative a row may change in memory, as they are."""
        objects = [self.copies[code] for code in codes if code in self.copies]
        items = {id(copy.item): copy.item for copy in objects}
        named = self.items.get(group_key(values))
        if named is not None:
            items[id(named)] = named
        for item in list(items.values()):
            objects += [item, *self.translations.get(item.translation_key, [])]
        return [(obj, dict(obj.__dict__), dict(obj._state.fields_cache)) for obj in objects]

    @staticmethod
    def _restore(snapshot):
        for obj, values, cache in snapshot:
            obj.__dict__.update(values)
            obj._state.fields_cache = cache

    # Planning a row -------------------------------------------------------------------------

    def _plan(self, number, cells, values, codes, result) -> RowPlan:
        plan = RowPlan(number, cells, result)
        key = group_key(values)
        group = self.groups.get(key)
        existing = [self.copies[code] for code in codes if code in self.copies]
        first = group is None or group.row == number
        if first:
            item = self._plan_item(plan, key, values, codes, existing)
        else:
            item = self._plan_later_row(group, values, existing)
        plan.item = item
        result.item = item
        result.name = item.name
        self._plan_copies(plan, item, values, codes)
        if first:
            # The row is checked: it claims its item's address and is its item's first row.
            for obj in plan.objects:
                self.taken[_unique_key(obj)] = obj.pk or ("row", number)
            self.slugs.add(item.slug)
            self.groups[key] = Group(number, item, self._item_values(values))
            self.item_rows[item.translation_key] = number
        if plan.item_created or plan.new_copies:
            plan.outcome = "created"
        elif plan.item_changed or plan.changed_copies:
            plan.outcome = "updated"
        else:
            plan.outcome = "unchanged"
        return plan

    def _plan_item(self, plan, key, values, codes, existing) -> Item:
        """The first row of an item in the file: the item found by the row's code or by its
        name and brand, or a new one, with the row's values."""
        number = plan.number
        # The row's own code finds its item; the codes ``aantal`` counts on must be free or
        # copies of that item.
        first = existing[0] if existing and existing[0].code == codes[0] else None
        item = first.item if first is not None else self.items.get(key)
        is_new = item is None
        taken = [copy for copy in existing if copy.item is not item]
        if taken:
            raise RowRejected(
                [
                    gettext(
                        "The code %(code)s is already the code of a copy of “%(item)s”, "
                        "another item than this row's."
                    )
                    % {"code": copy.code, "item": copy.item.name}
                    for copy in taken
                ]
            )
        if is_new:
            item = Item(initiative=self.initiative, locale=self.default_locale, live=False)
        else:
            earlier = self.item_rows.get(item.translation_key, number)
            if earlier != number:
                raise RowRejected(
                    [
                        gettext(
                            "This row is a copy of “%(item)s”, which row %(row)d sets with "
                            "another name or brand: give the rows of one item the same name "
                            "and brand."
                        )
                        % {"item": item.name, "row": earlier}
                    ]
                )
        compared = (*ITEM_FIELDS, *SYNCHRONIZED)
        before = None if is_new else self._state(item, compared)
        title = None if is_new else str(item)
        errors = self._apply(item, values)
        if is_new:
            item.slug = self._new_slug(item.name)
        self._validate(item, errors, number)
        changed = is_new or self._state(item, compared) != before
        if is_new:
            plan.creations.append(item)
        elif changed:
            plan.edits.append((item, title))
        plan.result.translations = self._plan_translations(
            plan, item, values, source_changed=changed and not is_new
        )
        plan.item_created = is_new
        plan.item_changed = not is_new and bool(changed or plan.result.translations)
        return item

    def _new_slug(self, name) -> str:
        """``unique_item_slug`` against the addresses read at the start and those the file
        claims."""
        base = (slugify(name) or "item")[:130].strip("-")
        slug, number = base, 2
        while slug in self.slugs:
            slug, number = f"{base}-{number}", number + 1
        return slug

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


def _blank_message():
    return Copy._meta.get_field("code").error_messages["blank"]


def _unique_key(item):
    return (item.initiative_id, item.slug, item.locale_id)


def _attname(name):
    return f"{name}_id" if name in ("category", "initiative") else name
