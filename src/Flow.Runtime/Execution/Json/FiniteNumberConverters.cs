using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Flow;

/// <summary>
/// <see cref="FiniteNumbers"/> for System.Text.Json (a user's own data type, <see cref="ReflectionDataJson{TData}"/>):
/// a number too large for the type (<c>1e400</c>) is refused where it is read, as the generated
/// reader refuses it, instead of becoming infinity that no save can write. Nullable members use
/// these too (System.Text.Json wraps a value type's converter for its nullable). The refusal is a
/// <see cref="JsonException"/> without a message, so System.Text.Json words it with the member's path as for any mistyped value.
/// </summary>
internal static class FiniteNumberConverters
{
    internal sealed class Double : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Number ? Finite(ref reader) : throw new JsonException();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) => writer.WriteNumberValue(value);

        private static double Finite(ref Utf8JsonReader reader)
        {
            try
            {
                return FiniteNumbers.Double(ref reader);
            }
            catch (OverflowException)
            {
                throw new JsonException();
            }
        }
    }

    internal sealed class Single : JsonConverter<float>
    {
        public override float Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Number ? Finite(ref reader) : throw new JsonException();

        public override void Write(Utf8JsonWriter writer, float value, JsonSerializerOptions options) => writer.WriteNumberValue(value);

        private static float Finite(ref Utf8JsonReader reader)
        {
            try
            {
                return FiniteNumbers.Single(ref reader);
            }
            catch (OverflowException)
            {
                throw new JsonException();
            }
        }
    }
}
