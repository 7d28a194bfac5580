"""Qt bridge between views and services: background tasks with progress, cancel and errors."""

from desktop.tasks.runner import Task, TaskRunner, on_gui_thread

__all__ = ["Task", "TaskRunner", "on_gui_thread"]
