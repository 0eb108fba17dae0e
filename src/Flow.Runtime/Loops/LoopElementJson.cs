using System.Buffers;
using System.ComponentModel;
using System.Text;
using System.Text.Json;

namespace Flow;

/// <summary>
/// The element of a completed multi-instance element, saved with its compensation record: the
/// handler that undoes the element later sees that element (typed, as the activity saw it), even
/// after the collection changed or the instance was saved and resumed. Generated code calls this.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LoopElementJson
{
    /// <summary>The element as JSON.</summary>
    public static string Write<T>(T element)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonValues.Write(writer, element);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>An element written by <see cref="Write{T}(T)"/>.</summary>
    public static T Read<T>(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return JsonValues.Read<T>(ref reader, "Compensable.Element");
    }
}
