"""Use cases of a board: register it, its partner agencies, its contacts and its words for the RAG bands."""
from __future__ import annotations

from datetime import date

from domain.board import Board
from domain.errors import AlreadyExists


class BoardUseCases:
    """Mixed into `Monitoring`; each reads get, change, save."""

    def register_board(self, name: str, agencies: list[str], *, actor: str, on: date | None = None) -> Board:
        self.policy.check(actor, "manage", board=name)
        if self._exists(Board.create_id(name)):
            raise AlreadyExists("board", f"{name!r} is already registered")
        board = Board.register(name=name, agencies=agencies, actor=actor, on=self._on(on), today=self.clock())
        self._save(board)
        return board

    def board(self, name: str) -> Board:
        return self._get(Board.create_id(name or ""), "board", f"unknown board {name!r}")

    def add_agency(self, board: str, agency: str, *, actor: str, on: date | None = None) -> Board:
        the_board = self._board_to_manage(board, actor)
        the_board.add_agency(agency=agency, actor=actor, on=self._on(on), today=self.clock())
        self._save(the_board)
        return the_board

    def set_chair_contact(self, board: str, email: str, *, actor: str, on: date | None = None) -> Board:
        the_board = self._board_to_manage(board, actor)
        the_board.set_chair_contact(email=email, actor=actor, on=self._on(on), today=self.clock())
        self._save(the_board)
        return the_board

    def set_agency_contact(self, board: str, agency: str, email: str, *, actor: str, on: date | None = None) -> Board:
        the_board = self._board_to_manage(board, actor)
        the_board.set_agency_contact(agency=agency, email=email, actor=actor, on=self._on(on), today=self.clock())
        self._save(the_board)
        return the_board

    def rename_rag_band(self, board: str, band: str, word: str, *, actor: str, on: date | None = None) -> Board:
        the_board = self._board_to_manage(board, actor)
        the_board.rename_rag_band(band=band, word=word, actor=actor, on=self._on(on), today=self.clock())
        self._save(the_board)
        return the_board

    def _board_to_manage(self, name: str, actor: str) -> Board:
        board = self.board(name)
        self.policy.check(actor, "manage", board=board.name)
        return board
