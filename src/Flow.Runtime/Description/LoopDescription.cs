namespace Flow;

/// <summary>How an activity repeats (its loop characteristics), as drawn.</summary>
public enum LoopType
{
    /// <summary><c>standardLoopCharacteristics</c>: the body runs again while its loop condition holds.</summary>
    Standard,

    /// <summary><c>multiInstanceLoopCharacteristics isSequential="false"</c>: all elements at once.</summary>
    ParallelMultiInstance,

    /// <summary><c>multiInstanceLoopCharacteristics isSequential="true"</c>: one element after the other.</summary>
    SequentialMultiInstance,
}

/// <summary>The loop characteristics of an activity (generated code makes it).</summary>
public sealed class LoopDescription
{
    /// <summary>Creates a loop description.</summary>
    public LoopDescription(LoopType type, bool testBefore = false, int? maximum = null)
    {
        Type = type;
        TestBefore = testBefore;
        Maximum = maximum;
    }

    /// <summary>Standard loop, parallel or sequential multi-instance.</summary>
    public LoopType Type { get; }

    /// <summary>For a standard loop: whether the condition is checked before the first iteration too (<c>testBefore</c>).</summary>
    public bool TestBefore { get; }

    /// <summary>For a standard loop: at most this many iterations (<c>loopMaximum</c>); null when unbounded.</summary>
    public int? Maximum { get; }

    /// <summary>Whether the elements run one after the other (a standard loop or a sequential multi-instance).</summary>
    public bool IsSequential => Type != LoopType.ParallelMultiInstance;

    /// <inheritdoc/>
    public override string ToString() => Type.ToString();
}
