"""tdkt — the plan language and compiler for Kế hoạch công tác thi đua, khen thưởng."""

__version__ = "0.1.0"
