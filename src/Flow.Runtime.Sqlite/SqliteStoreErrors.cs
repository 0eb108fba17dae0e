using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;

namespace Flow.Instances;

/// <summary>The FLOW612x ids of the SQLite store (documented in docs/diagnostics.md) and how SQLite's errors map to them.</summary>
public static class SqliteStoreErrors
{
    /// <summary>At start: the file is not a SQLite database, or is corrupt or truncated.</summary>
    public const string NotADatabase = "FLOW6120";

    /// <summary>At start: the file cannot be created or opened for writing.</summary>
    public const string CannotOpen = "FLOW6121";

    /// <summary>At start: a newer package wrote the file's schema.</summary>
    public const string NewerSchema = "FLOW6122";

    /// <summary>During a call: the file is missing, locked, read-only, or an I/O error occurred; nothing was written.</summary>
    public const string Unavailable = "FLOW6123";

    /// <summary>During a call: SQLite found the file corrupt.</summary>
    public const string Corrupt = "FLOW6124";

    /// <summary>Every id with its title (the diagnostics catalog test checks each has a section).</summary>
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [NotADatabase] = "Flows database is not a readable SQLite file",
        [CannotOpen] = "Flows database cannot be opened for writing",
        [NewerSchema] = "Flows database has a newer schema",
        [Unavailable] = "Flows database unavailable",
        [Corrupt] = "Flows database corrupt",
    };

    internal const int SqliteBusy = 5;
    internal const int SqliteLocked = 6;
    internal const int SqliteReadOnly = 8;
    internal const int SqliteIoError = 10;
    internal const int SqliteCorrupt = 11;
    internal const int SqliteFull = 13;
    internal const int SqliteCannotOpen = 14;
    internal const int SqliteNotADatabase = 26;

    /// <summary>A call's SQLite error as the caller should see it; anything else unchanged.</summary>
    internal static Exception Translate(Exception error, string path) => error switch
    {
        FlowStorageException => error,
        SqliteException { SqliteErrorCode: SqliteCorrupt or SqliteNotADatabase } e => new FlowStorageException(
            Corrupt, path, $"The flows database '{path}' is corrupt (SQLite error {e.SqliteErrorCode}: {e.Message}); the call changed nothing. Restore the file from a backup.", e),
        SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked or SqliteReadOnly or SqliteIoError or SqliteFull or SqliteCannotOpen } e => new FlowStorageException(
            Unavailable, path, $"The flows database '{path}' is unavailable (SQLite error {e.SqliteErrorCode}: {e.Message}); the call changed nothing. Check that the file exists and its folder is writable and has space.", e),
        _ => error,
    };

    /// <summary>The error of a call made while the file is missing (deleted or moved away after start).</summary>
    internal static FlowStorageException Missing(string path) => new(
        Unavailable, path, $"The flows database '{path}' is missing (deleted or moved after the store opened it); the call changed nothing. Put the file back: the store uses it again on the next call. It is not recreated, so no instance silently disappears.");
}
