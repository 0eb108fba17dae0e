using System;
using System.Collections.Concurrent;
using System.Reflection;
using System.Threading;
using Flow.Deployment;

namespace Flow.Engine;

/// <summary>
/// One process object per loaded process type, reused by every command, when that is safe: the
/// registry makes process objects itself (its default factory, or AddFlowRuntime's constructor
/// injection) and the generated class, with the user's part of it, declares no instance field. Such
/// an object holds nothing but what Flow.Runtime keeps in it (limits, clock, handler services, and
/// caches computed once from the definition), and every instance runs on state of its own, so
/// commands running at once may share it. Any other type gets a new object per command, as before:
/// a field may hold a service or a count that the user meant for one command.
/// </summary>
public sealed partial class FlowEngine
{
    // Keyed by the type (a version loaded again has new types); a version that unloads is dropped (DropUnloadedProcesses).
    private readonly ConcurrentDictionary<Type, ReusedProcess> _processes = new();

    // The shared process object the last command used, with its version, key and definition hash: a
    // run of commands on one process finds it by two reference comparisons, without the lookups by key and type.
    private LastProcess? _lastProcess;

    private IFlowProcess Create(DeployedVersion version, string key) => Create(version, key, out _);

    /// <summary>The process object for a command, and the definition hash of <paramref name="key"/> when the object is shared (else null).</summary>
    private IFlowProcess Create(DeployedVersion version, string key, out string? definitionHash)
    {
        if (Volatile.Read(ref _lastProcess) is { } last && ReferenceEquals(last.Version, version) && string.Equals(last.Key, key, StringComparison.Ordinal))
        {
            definitionHash = last.DefinitionHash;
            return WithSettings(last.Process);
        }

        definitionHash = null;
        var type = version.ProcessType(key) ?? throw FlowDeploymentException.UnknownVersion($"{version} does not define process '{key}'.");
        if (_processes.TryGetValue(type, out var reused))
        {
            if (reused.Shared is { } shared && string.Equals(shared.Key, key, StringComparison.Ordinal))
            {
                // Made once per type, so commands of processes taking turns allocate nothing here.
                if (!version.IsUnloaded)
                {
                    Volatile.Write(ref _lastProcess, shared);
                }

                definitionHash = shared.DefinitionHash;
                return WithSettings(shared.Process);
            }

            if (reused.Process is { } other)
            {
                return WithSettings(other);
            }
        }

        IFlowProcess process;
        try
        {
            process = _registry.ProcessFactory(type);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not FlowDeploymentException)
        {
            throw FlowDeploymentException.ProcessNotCreated(version.ToString(), key, type, ex);
        }

        process.Limits = Limits;
        process.Clock = Clock;
        if (process is ITimerMisfireSetting misfire)
        {
            misfire.TimerMisfire = TimerMisfire;
        }
        if (reused is null)
        {
            var shared = _registry.MakesProcessObjects && HasNoInstanceFields(type);
            _processes.TryAdd(type, new ReusedProcess(shared ? process : null, version) { Shared = shared ? new LastProcess(version, key, process, DefinitionHash(version, key)) : null });
        }

        return process;
    }

    /// <summary>The engine's settings may have changed since the shared object was made; the same values are written by every command.</summary>
    private IFlowProcess WithSettings(IFlowProcess shared)
    {
        if (!ReferenceEquals(shared.Limits, Limits))
        {
            shared.Limits = Limits;
        }

        if (!ReferenceEquals(shared.Clock, Clock))
        {
            shared.Clock = Clock;
        }

        if (shared is ITimerMisfireSetting misfire && misfire.TimerMisfire != TimerMisfire)
        {
            misfire.TimerMisfire = TimerMisfire;
        }

        return shared;
    }

    /// <summary>
    /// A process's definition without making a process object when the class has the generated
    /// static Description: activation reads it for timer start events, and a constructor that throws
    /// (a service the host lacks) must fail the starts (FLOW6321), not the deployment after it went live.
    /// </summary>
    private ProcessDescription DefinitionOf(DeployedVersion version, string key) =>
        version.ProcessType(key)?.GetProperty("Description", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as ProcessDescription
        ?? Create(version, key).Definition;

    /// <summary>A version that unloads must not stay loaded through its process objects.</summary>
    private void DropUnloadedProcesses()
    {
        if (Volatile.Read(ref _lastProcess) is { Version.IsUnloaded: true } last)
        {
            Interlocked.CompareExchange(ref _lastProcess, null, last);
        }

        foreach (var (type, reused) in _processes)
        {
            if (reused.Version.IsUnloaded)
            {
                _processes.TryRemove(type, out _);
            }
        }
    }

    /// <summary>Whether the type and its bases below Flow.Runtime's classes declare no instance field (auto-properties included).</summary>
    internal static bool HasNoInstanceFields(Type type)
    {
        for (var t = type; t is not null && t.Assembly != typeof(IFlowProcess).Assembly; t = t.BaseType)
        {
            if (t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly).Length > 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The process object reused for a type (null: a new one per command) and the version the type is of.</summary>
    private sealed record ReusedProcess(IFlowProcess? Process, DeployedVersion Version)
    {
        /// <summary>The shared object with its key and definition hash, as the last-process cache keeps it.</summary>
        public LastProcess? Shared { get; init; }
    }

    /// <summary>The shared process object of <paramref name="Key"/> in <paramref name="Version"/>, and the key's definition hash.</summary>
    private sealed record LastProcess(DeployedVersion Version, string Key, IFlowProcess Process, string DefinitionHash);
}
