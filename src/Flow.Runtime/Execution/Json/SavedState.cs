namespace Flow;

/// <summary>An instance's saved state and its data's part of it, both from one serialisation.</summary>
internal readonly record struct SavedState(string StateJson, string DataJson);

/// <summary>An instance that writes its state and its data's JSON at once (what the engine saves and reports).</summary>
internal interface ISavesState
{
    SavedState SaveState();
}
