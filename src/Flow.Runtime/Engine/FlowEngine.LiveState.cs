using System.Collections.Generic;
using Flow.Deployment;
using Flow.Instances;

namespace Flow.Engine;

/// <summary>
/// The command path without JSON for the in-memory store: a command hands the instance's objects
/// (<see cref="LiveState"/>) to the store at its save instead of its JSON (only the data is
/// copied, since a handler may hold it; the snapshot gets the trace read-only and a copy of the
/// failure), and the next command runs on a copy of them instead of parsing text, so no run,
/// handler or caller ever changes what the store keeps, and a command that throws leaves it as it
/// was. Durable stores get the JSON, as before.
/// </summary>
public sealed partial class FlowEngine
{
    /// <summary>Whether saves keep live states: only the in-memory store, which holds what it is given.</summary>
    private bool KeepsLive => _store is InMemoryInstanceStore;

    /// <summary>
    /// The state to store and the data to report: for the in-memory store a live copy of the state
    /// and the data's JSON; for other stores the state's JSON and its data cut from the same text.
    /// </summary>
    /// <remarks>
    /// With <paramref name="dataAfterSave"/>, an instance that has ended leaves its data's JSON to
    /// <see cref="WithDataAfterSave"/>: the store writes the ended state's JSON anyway and keeps the
    /// data's text of it for the snapshot, so the data is not written twice.
    /// </remarks>
    private SavedState Save(IFlowInstance instance, bool dataAfterSave = false) => Save(instance, dataAfterSave && instance.HasEnded, dataAfterSave);

    /// <summary><see cref="Save(IFlowInstance, bool)"/> with the instance's <see cref="IFlowInstance.HasEnded"/> as the command read it.</summary>
    private SavedState Save(IFlowInstance instance, bool ended, bool dataAfterSave)
    {
        if (KeepsLive && instance is IFreezesState freezes)
        {
            if (dataAfterSave && ended)
            {
                // The in-memory store writes an ended instance's JSON during the save (EndedInstances)
                // and keeps no object of it, so the data needs no copy of its own here.
                var live = freezes.Freeze(copyData: false);
                live.KeepDataText();
                return new SavedState("", "") { Live = live, DataAfterSave = true };
            }

            return new SavedState("", instance.DataToJson()) { Live = freezes.Freeze() };
        }

        return instance is ISavesState saves ? saves.SaveState() : new SavedState(instance.ToJson(), instance.DataToJson());
    }

    /// <summary>The data's JSON of a state saved with <c>dataAfterSave</c>: cut from the text the store wrote, else written from the saved copy.</summary>
    private static SavedState WithDataAfterSave(IFlowInstance instance, SavedState saved) =>
        saved.DataAfterSave ? saved with { DataJson = saved.Live!.TakeDataText() ?? instance.DataToJson(), DataAfterSave = false } : saved;

    /// <summary>The trace for a snapshot: the in-memory store keeps the list itself, so the caller gets it read-only.</summary>
    private static IReadOnlyList<string> SnapshotTrace(IFlowInstance instance, SavedState saved) =>
        saved.Live is not null && instance.Trace is List<string> kept ? kept.AsReadOnly() : instance.Trace;

    /// <summary>The failure for a snapshot: a copy when the in-memory store keeps the object (its members can be set).</summary>
    private static FailureState? SnapshotFailure(IFlowInstance instance, SavedState saved)
    {
        var failure = instance.Failure;
        return failure is not null && saved.Live is not null ? new FailureState { NodeId = failure.NodeId, Kind = failure.Kind, Message = failure.Message } : failure;
    }

    /// <summary>The stored instance to run a command on: a copy of its live state when the store kept one for this process type, else read from its JSON.</summary>
    private static IFlowInstance Resume(IFlowProcess process, StoredInstance stored) =>
        stored.Live?.TryResume(process) ?? process.ResumeFromJson(stored.StateJson);

    /// <summary>A version that unloads must not stay reachable through the live states of its instances: they are written as JSON and let go.</summary>
    private void DetachUnloaded(DeploymentEvent change)
    {
        if (change.Kind == DeploymentEventKind.Unloaded)
        {
            DropUnloadedProcesses();
        }

        if (change.Kind == DeploymentEventKind.Unloaded && _store is InMemoryInstanceStore memory)
        {
            memory.DetachLive(change.Name, change.Version);
        }
    }
}
