"""Every write of the risk app. Views, commands and the demo loader call these."""

from kedja.risk.dataset_actions import load_dataset

__all__ = ["load_dataset"]
