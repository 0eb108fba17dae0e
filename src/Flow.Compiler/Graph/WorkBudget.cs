namespace Flow.Compiler.Graph;

/// <summary>A number of steps an analysis may take; it stops (and says so) when they are spent.</summary>
public sealed class WorkBudget(int steps)
{
    private int _left = steps;

    public bool Exhausted => _left < 0;

    /// <summary>Spends <paramref name="count"/> steps; false once they were more than were left.</summary>
    public bool Spend(int count = 1)
    {
        _left -= count;
        return _left >= 0;
    }
}
