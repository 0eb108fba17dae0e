using System;

namespace Flow.Instances;

/// <summary>
/// The flows database cannot be used: refused at start (not a database, corrupt, newer schema,
/// not writable) or unavailable during a call (missing, locked, read-only, an I/O error).
/// <see cref="Id"/> is a FLOW612x id (docs/diagnostics.md); the message names the file.
/// </summary>
public sealed class FlowStorageException : InvalidOperationException
{
    /// <summary>An error with its FLOW id, the database file and what SQLite said (if anything).</summary>
    public FlowStorageException(string id, string path, string message, Exception? innerException = null)
        : base($"{id}: {message}", innerException)
    {
        Id = id;
        Path = path;
    }

    /// <summary>The FLOW612x id.</summary>
    public string Id { get; }

    /// <summary>The database file.</summary>
    public string Path { get; }
}
