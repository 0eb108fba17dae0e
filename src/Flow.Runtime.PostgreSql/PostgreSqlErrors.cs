using System;
using System.Collections.Generic;
using System.Net.Sockets;
using Npgsql;

namespace Flow.Instances;

/// <summary>The FLOW61xx ids of the PostgreSQL stores (documented in docs/diagnostics.md).</summary>
public static class PostgreSqlErrors
{
    /// <summary>Every id with its title.</summary>
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        ["FLOW6100"] = "PostgreSQL database unavailable",
        ["FLOW6101"] = "PostgreSQL flow schema is newer than the package",
        ["FLOW6102"] = "Stored deployment version has other content",
    };

    internal static FlowStoreException SchemaTooNew(string database, int found, int known) =>
        new("FLOW6101", $"Database '{database}' has flow schema version {found}, but this Flow.Runtime.PostgreSql knows versions up to {known}: a newer package wrote it. Update the package; the database is left unchanged.");

    internal static FlowStoreException Unavailable(string database, string operation, Exception inner) =>
        new("FLOW6100", $"The PostgreSQL database '{database}' is unavailable ({operation}): {inner.Message}. Nothing was written by this call unless it was acknowledged; retry when the database is back.", inner);

    /// <summary>
    /// Connection-level failures (refused, reset, timed out, server shutting down or starting):
    /// the database cannot be reached now. Errors of the SQL itself are not this.
    /// </summary>
    internal static bool IsUnavailable(Exception e) => e switch
    {
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
            || p.SqlState is "57P01" or "57P02" or "57P03" // admin shutdown, crash shutdown, cannot connect now
            || p.SqlState == "53300", // too many connections
        NpgsqlException { InnerException: SocketException or System.IO.IOException or TimeoutException } => true,
        NpgsqlException n => n.IsTransient,
        SocketException or TimeoutException => true,
        _ => false,
    };
}

/// <summary>
/// A PostgreSQL store failed in a way its caller can act on: <see cref="Id"/> is a FLOW61xx id
/// (docs/diagnostics.md), the message names the database and what to do.
/// </summary>
public sealed class FlowStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FlowStoreException(string id, string message, Exception? inner = null)
        : base(id + ": " + message, inner) => Id = id;

    /// <summary>The FLOW61xx id.</summary>
    public string Id { get; }
}
