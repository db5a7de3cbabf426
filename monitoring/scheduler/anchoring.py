"""The weekly digest also verifies the record and anchors its head (projections.anchors), so anchors are
made on a schedule, in the store and in SCR_MONITOR_ANCHOR_FILE, even when nobody runs `verify`."""
from __future__ import annotations

import logging
from dataclasses import dataclass

log = logging.getLogger("scr_monitor.scheduler")


@dataclass(frozen=True)
class AnchorReport:
    intact: bool
    detail: str

    def summary(self) -> str:
        return f"anchor: {self.detail}"


def anchor_head(services) -> AnchorReport:
    """Verify, then anchor the head; a failed verification is logged as an error and anchors nothing."""
    report = services.hash_chain.verify(anchor="scheduled digest")
    if not report.intact:
        log.error("verify failed, nothing anchored: %s", report.problem)
        return AnchorReport(False, f"NOT anchored, verify failed: {report.problem}")
    signed = "signed" if services.hash_chain.key else "unsigned (no SCR_MONITOR_ANCHOR_KEY)"
    return AnchorReport(True, f"{report.checked + report.newly_chained} events intact; head {report.head_position} "
                              f"sha256 {report.head_hash} anchored, {signed}")
