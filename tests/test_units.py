"""Who a session admits: its units with their sub-units, or its named cadres (neither: everyone),
the same for one cadre and for a whole roster at once."""

from __future__ import annotations

from quizkit.units import admitted_cadres, cadre_admitted

PARENTS: dict[str, str | None] = {
    "东村": "城关镇",
    "城关镇司法所": "城关镇",
    "城关镇": None,
    "河口乡": None,
}
CADRES = ["c1", "c2", "c3", "c4"]
UNITS = ["东村", "城关镇司法所", "河口乡", "河口乡"]


def test_a_roster_is_admitted_as_each_cadre_would_be() -> None:
    for units, named, expected in (
        ((), (), [True, True, True, True]),
        (("城关镇",), (), [True, True, False, False]),  # sub-units of a listed unit
        (("城关镇",), ("c4",), [True, True, False, True]),  # or named
        ((), ("c3",), [False, False, True, False]),  # only named: units do not admit
        (("东村",), (), [True, False, False, False]),
    ):
        found = admitted_cadres(CADRES, UNITS, units=units, cadres=named, parents=PARENTS)
        assert found == expected
        assert found == [
            cadre_admitted(c, u, units=units, cadres=named, parents=PARENTS)
            for c, u in zip(CADRES, UNITS, strict=True)
        ]
