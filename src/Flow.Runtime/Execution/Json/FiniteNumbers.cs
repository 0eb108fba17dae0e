using System;
using System.Text.Json;

namespace Flow;

/// <summary>
/// Floating-point values read from JSON must be finite: the reader turns a number too large for
/// the type (<c>1e400</c>) into infinity, which no JSON can hold, so the instance could never be
/// saved (the writer throws) and a caller would see a bare <see cref="ArgumentException"/> from the save.
/// The overflow is refused where the value is read, as a value of the wrong type is.
/// </summary>
internal static class FiniteNumbers
{
    public static double Double(ref Utf8JsonReader reader)
    {
        var value = reader.GetDouble();
        return double.IsFinite(value) ? value : throw new OverflowException("The number is outside the range of System.Double.");
    }

    public static float Single(ref Utf8JsonReader reader)
    {
        var value = reader.GetSingle();
        return float.IsFinite(value) ? value : throw new OverflowException("The number is outside the range of System.Single.");
    }
}
