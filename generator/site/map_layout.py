"""Where each box and line of a relationship map goes: a small layered layout of our own.

Their committee is an org chart: each person sits one layer below the person they report to
(people whose manager is off the map start at the top). Our roles form the bottom layer. Within
a layer, people sit under their manager and roles under the people they engage (the barycentre
heuristic of layered drawing, one sweep down), and a layer wider than MAX_PER_ROW wraps, so
that 12 people in a flat committee stay legible. Everything is integer arithmetic on ids and
names sorted one fixed way, so two builds draw byte-identical maps.

A library was not worth it: Graphviz needs a system binary, and the pure-Python layered
layouts (grandalf) do far more than graphs of 2 to 20 boxes need, with crossing reduction we
would still have to tune. This is about 150 lines and costs well under a millisecond a map.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.catalog.relationships import RelationshipMap

MAX_PER_ROW = 5  # people in a row; roles are narrower, so more of them fit
MAX_ROLES_PER_ROW = 7
BOX_W, ROLE_W, BOX_H = 150, 116, 74
GAP_X, GAP_Y = 14, 40  # between boxes side by side / between rows, room for the curves
PAD = 12
HEADING_H = 28  # room for "Their buying committee" / "Our team" above a band
NAME_CHARS, ROLE_CHARS = 20, 15  # characters per name line at the map's font size; two lines at most
INFLUENCE_WEIGHT = {"high": 3, "medium": 2, "low": 1}


@dataclass
class Box:
    """One box; the template words its facts (the buying role, the influence, the gap)."""

    key: str  # "p:<persona id>", "o:<persona id>" (outside the committee) or "r:<role id>"
    kind: str  # "person", "outsider" or "role"
    name: str  # the whole name, for the tooltip
    lines: tuple[str, ...]  # the name as it fits in the box: one or two lines
    width: int = BOX_W
    role: str | None = None  # the buying role in this committee (people)
    influence: str | None = None
    engages: int = 0  # how many people on this committee the role engages (roles)
    weight: int = 1  # border weight: influence for people
    gap: bool = False  # nobody on our side engages this person / this role engages nobody here
    x: int = 0
    y: int = 0


@dataclass
class Edge:
    kind: str  # "reports" (manager above, report below) or "engages" (our role below, person above)
    path: str  # SVG path data
    source: str  # the report's name, or our role's name
    target: str  # the manager's name, or the person's name


@dataclass
class Layout:
    width: int
    height: int
    box_h: int = BOX_H
    pad: int = PAD
    boxes: list[Box] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    their_label_y: int = 0
    our_label_y: int | None = None  # None when the edition shows no team


def fit(text: str, limit: int) -> str:
    """The text cut to `limit` characters with an ellipsis: the tooltip and the table keep it whole."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def name_lines(name: str, limit: int) -> tuple[str, ...]:
    """A name on one line, or broken between words onto two, the second cut to fit."""
    words = str(name).split()
    first = ""
    while words and len(f"{first} {words[0]}".strip()) <= limit:
        first = f"{first} {words.pop(0)}".strip()
    if not first:  # one long word: cut it
        return (fit(name, limit),)
    return (first, fit(" ".join(words), limit)) if words else (first,)


def layout(found: RelationshipMap) -> Layout:
    layers = _their_layers(found)
    rows = [row for layer in layers for row in _wrap(layer, MAX_PER_ROW)]
    role_rows = _wrap(_order_roles(_role_boxes(found), found, _columns(rows)), MAX_ROLES_PER_ROW)
    width = 2 * PAD + max([_row_width(r) for r in rows + role_rows] + [2 * (BOX_W + GAP_X)])
    y = PAD + HEADING_H
    for row in rows:
        _place(row, width, y)
        y += BOX_H + GAP_Y
    result = Layout(width, 0, their_label_y=PAD + 16)
    if role_rows:
        result.our_label_y = y + 16
        y += HEADING_H
        for row in role_rows:
            _place(row, width, y)
            y += BOX_H + GAP_Y
    result.height = y - GAP_Y + PAD
    result.boxes = [b for row in rows + role_rows for b in row]
    result.edges = _edges(found, {b.key: b for b in result.boxes})
    return result


def _person_box(person) -> Box:
    member, name = person.seat.member, person.persona.name
    weight = INFLUENCE_WEIGHT.get(member.influence, 1)
    return Box(
        f"p:{person.persona.id}",
        "person",
        name,
        name_lines(name, NAME_CHARS),
        role=member.role,
        influence=member.influence,
        weight=weight,
    )


def _their_layers(found: RelationshipMap) -> list[list[Box]]:
    """Their people by depth in the reporting lines, each layer ordered under the one above."""
    boxes = {f"o:{p.id}": Box(f"o:{p.id}", "outsider", p.name, name_lines(p.name, NAME_CHARS)) for p in found.outsiders}
    manager_of = {}
    gaps = {p.persona.id for p in found.gaps}
    for person in found.people:
        box = _person_box(person)
        box.gap = person.persona.id in gaps
        boxes[box.key] = box
        if person.manager is not None:
            manager_of[box.key] = ("p:" if person.manager_on_committee else "o:") + person.manager.id
    depth = {key: _depth(key, manager_of) for key in boxes}
    layers: list[list[Box]] = [[] for _ in range(max(depth.values(), default=-1) + 1)]
    for key, box in boxes.items():  # outsiders first, then committee order
        layers[depth[key]].append(box)
    for upper, layer in zip(layers, layers[1:], strict=False):
        position = {b.key: i for i, b in enumerate(upper)}
        layer.sort(key=lambda b: position.get(manager_of.get(b.key, ""), len(position)))  # stable: ties keep order
    return layers


def _depth(key: str, manager_of: dict[str, str]) -> int:
    """How many managers above `key` are on the map; a loop (an error check reports) stops the count."""
    seen = {key}
    depth = 0
    while (above := manager_of.get(key)) is not None and above not in seen:
        seen.add(above)
        key = above
        depth += 1
    return depth


def _role_boxes(found: RelationshipMap) -> list[Box]:
    return [
        Box(
            f"r:{link.role.id}",
            "role",
            link.role.name,
            name_lines(link.role.name, ROLE_CHARS),
            ROLE_W,
            engages=len(link.people),
            gap=not link.people,
        )
        for link in found.roles
    ]


def _columns(rows: list[list[Box]]) -> dict[str, float]:
    """Each box's horizontal position as a fraction of its row (0 left, 1 right)."""
    return {b.key: (i + 0.5) / len(row) for row in rows for i, b in enumerate(row)}


def _order_roles(roles: list[Box], found: RelationshipMap, column: dict[str, float]) -> list[Box]:
    """Roles under the mean position of the people they engage; idle roles last, in team order."""
    centre = {}
    for link in found.roles:
        spots = [column[f"p:{p.id}"] for p in link.people if f"p:{p.id}" in column]
        centre[f"r:{link.role.id}"] = sum(spots) / len(spots) if spots else 2.0
    return sorted(roles, key=lambda b: centre[b.key])


def _wrap(layer: list[Box], most: int) -> list[list[Box]]:
    return [layer[i : i + most] for i in range(0, len(layer), most)]


def _row_width(row: list[Box]) -> int:
    return sum(b.width for b in row) + GAP_X * (len(row) - 1)


def _place(row: list[Box], width: int, y: int) -> None:
    x = (width - _row_width(row)) // 2
    for box in row:
        box.x, box.y = x, y
        x += box.width + GAP_X


def _curve(x1: int, y1: int, x2: int, y2: int) -> str:
    middle = (y1 + y2) // 2
    return f"M{x1} {y1}C{x1} {middle} {x2} {middle} {x2} {y2}"


def _edges(found: RelationshipMap, at: dict[str, Box]) -> list[Edge]:
    edges = []
    for person in found.people:
        if person.manager is None:
            continue
        top = at[("p:" if person.manager_on_committee else "o:") + person.manager.id]
        below = at[f"p:{person.persona.id}"]
        if top.y >= below.y:
            continue  # a reporting loop: check reports it; no line that points the wrong way
        path = _curve(top.x + top.width // 2, top.y + BOX_H, below.x + below.width // 2, below.y)
        edges.append(Edge("reports", path, person.persona.name, person.manager.name))
    for link in found.roles:
        role = at[f"r:{link.role.id}"]
        count = len(link.people)
        for i, persona in enumerate(link.people):
            box = at[f"p:{persona.id}"]
            start = role.x + role.width * (i + 1) // (count + 1)  # fan out along the role's top edge
            path = _curve(start, role.y, box.x + box.width // 2, box.y + BOX_H)
            edges.append(Edge("engages", path, link.role.name, persona.name))
    return edges
