"""One JSON object per log line, so access and error logs can be searched and aggregated."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if isinstance(record.args, dict) and record.name == "gunicorn.access":
            args = record.args  # gunicorn's access atoms
            entry.update(
                {
                    "method": args.get("m"),
                    "path": args.get("U"),
                    "query": args.get("q"),
                    "status": int(args["s"]) if str(args.get("s", "")).isdigit() else args.get("s"),
                    "bytes": args.get("B"),
                    "duration_ms": round(int(args.get("D", 0)) / 1000, 2),
                    "remote": args.get("h"),
                }
            )
            entry["message"] = f"{entry['method']} {entry['path']} {entry['status']}"
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
