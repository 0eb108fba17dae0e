using System.Collections.Generic;

namespace Flow;

/// <summary>The ids of asynchronous continuation errors (FLOW6260–FLOW6269).</summary>
public static class AsyncErrors
{
    /// <summary>A node's failedJobRetryTimeCycle cannot be read (a description not made by the compiler, which refuses it as FLOW1270).</summary>
    public const string BadRetryCycle = "FLOW6260";

    /// <summary>An asynchronous continuation failed its last attempt: the instance fails, as a handler failure does.</summary>
    public const string ContinuationFailed = "FLOW6261";

    /// <summary>An instance waiting at a job boundary cannot be migrated: the target has no such boundary at that node.</summary>
    public const string MigrationRefused = "FLOW6262";

    /// <summary>The ids with their titles.</summary>
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        [BadRetryCycle] = "Retry cycle of a description cannot be read",
        [ContinuationFailed] = "Asynchronous continuation failed its last attempt",
        [MigrationRefused] = "Migration of a token waiting at a job boundary refused",
    };
}
