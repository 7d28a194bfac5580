"""Files the app writes (documents, spreadsheets, exports) appear whole or not at all: written to
a temporary file beside the target and renamed over it, so a crash or a full USB stick never
leaves half a document where the officer expects one. They hold personal data (names, CCCD
numbers), so they are readable by their owner only (0600 on POSIX; ``desktop.paths``)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from desktop.domain.diskerrors import os_error_reason
from desktop.domain.errors import StorageError
from desktop.paths import make_private


def atomic_write(target: Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp_path)``, then rename the temporary file to ``target`` (owner-only:
    mkstemp creates it 0600, and a writer that replaced it still leaves it private)."""
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    except OSError as error:
        raise StorageError(f"Không ghi được vào thư mục {target.parent}: "
                           f"{os_error_reason(error)}") \
            from error
    os.close(fd)
    try:
        write(Path(tmp_name))
        make_private(Path(tmp_name))
        os.replace(tmp_name, target)
    except PermissionError as error:
        Path(tmp_name).unlink(missing_ok=True)
        raise StorageError(f"Không ghi được tệp {target.name}: tệp đang mở trong chương trình "
                           "khác (Word, Excel?) hoặc thư mục chỉ cho đọc. Hãy đóng tệp rồi làm "
                           "lại.") from error
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return target
