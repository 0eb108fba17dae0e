namespace Flow;

/// <summary>The FLOW6300–FLOW6319 ids of compensation and transactions (documented in docs/diagnostics.md).</summary>
public static class CompensationErrors
{
    /// <summary>An instance whose compensation is running cannot be migrated.</summary>
    public const string MigrationWhileCompensating = "FLOW6300";

    /// <summary>A completed activity that can still be compensated maps to a node of the new version that cannot be.</summary>
    public const string MigrationLosesCompensation = "FLOW6301";

    /// <summary>A cancel end event's transaction has no cancel boundary event (the compiler refuses this as FLOW1310).</summary>
    public const string NoCancelBoundary = "FLOW6302";

    /// <summary>Every id with its title.</summary>
    public static readonly System.Collections.Generic.IReadOnlyDictionary<string, string> All = new System.Collections.Generic.Dictionary<string, string>
    {
        [MigrationWhileCompensating] = "Instance migrated while compensating",
        [MigrationLosesCompensation] = "Migration would lose a compensation",
        [NoCancelBoundary] = "Cancelled transaction without cancel boundary event",
    };
}
