using System;
using System.Text.Json;

namespace Flow;

/// <summary>
/// Reads and writes one process data type as JSON. The generator emits one for each data class
/// it declares, with <see cref="Utf8JsonWriter"/>/<see cref="Utf8JsonReader"/> calls per member,
/// so nothing of a flow's types reaches System.Text.Json's process-wide metadata caches; a
/// user's own data type falls back to System.Text.Json (<see cref="ReflectionDataJson{TData}"/>).
/// Used for instance state, snapshots, start data and completion outputs.
/// </summary>
/// <typeparam name="TData">The process data type.</typeparam>
public abstract class DataJson<TData>
    where TData : class
{
    /// <summary>Writes <paramref name="data"/> as one JSON object.</summary>
    public abstract void Write(Utf8JsonWriter writer, TData data);

    /// <summary>
    /// Reads the object at the reader (on its start token) and leaves the reader on its end token.
    /// Unknown members are skipped; a value of the wrong type is a <see cref="JsonException"/>.
    /// </summary>
    public abstract TData Read(ref Utf8JsonReader reader);

    /// <summary>
    /// Reads the value at the reader as member <paramref name="name"/> and returns what sets it, without
    /// setting anything yet (a completion checks every output before it changes the data); null
    /// when the data has no such settable member (then nothing is read). A value of the wrong type
    /// is a <see cref="JsonValueException"/> naming the member's type.
    /// </summary>
    public abstract Action<TData>? ReadOutput(ref Utf8JsonReader reader, string name);

    /// <summary>
    /// Reads the value at the reader as member <paramref name="name"/>, as <see cref="ReadOutput"/>
    /// does, and sets it in <paramref name="data"/> at once; with <paramref name="data"/> null it
    /// only checks the value. False when the data has no such settable member (then nothing is
    /// read). Generated data types override it so a completion makes no setter objects: it checks
    /// every output first (null data), then sets them.
    /// </summary>
    public virtual bool ReadOutputInto(ref Utf8JsonReader reader, string name, TData? data)
    {
        if (ReadOutput(ref reader, name) is not { } set)
        {
            return false;
        }

        if (data is not null)
        {
            set(data);
        }

        return true;
    }
}
