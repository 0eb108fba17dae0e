namespace Flow;

/// <summary>An instance's saved state and its data's part of it, both from one serialisation.</summary>
internal readonly record struct SavedState(string StateJson, string DataJson)
{
    /// <summary>For an in-memory store: the state as a live copy (then <see cref="StateJson"/> is empty and never written).</summary>
    public Flow.Instances.LiveState? Live { get; init; }

    /// <summary>Whether <see cref="DataJson"/> is still to be made after the save (the engine's in-memory path for an ended instance).</summary>
    public bool DataAfterSave { get; init; }
}

/// <summary>An instance that writes its state and its data's JSON at once (what the engine saves and reports).</summary>
internal interface ISavesState
{
    SavedState SaveState();
}
