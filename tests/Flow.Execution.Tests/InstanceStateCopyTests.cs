using System.Collections;
using System.Reflection;
using System.Text.Json;

namespace Flow.Execution.Tests;

/// <summary>
/// The in-memory store keeps copies of instance states instead of their JSON (issue 11), so a
/// copy must carry every saved field and share no mutable object. The state here is filled by
/// reflection: a field added to the state (or to a type inside it) later gets a value here
/// without anyone remembering this test, and fails it until the copy handles it.
/// </summary>
public class InstanceStateCopyTests
{
    public sealed class Payload
    {
        public List<string> Notes { get; set; } = new();
    }

    [Fact]
    public void A_copy_has_every_public_field_of_the_state_and_shares_no_mutable_object()
    {
        var filler = new Filler();
        var state = (InstanceState<Payload>)filler.Fill(typeof(InstanceState<Payload>), "state", depth: 0)!;
        var before = Json(state);

        var copy = state.Copy(d => new Payload { Notes = new List<string>(d.Notes) });

        Compare(state, copy, "state");
        Assert.Equal(before, Json(copy));
        Assert.Equal(before, Json(state));
    }

    [Fact]
    public void A_copy_leaves_out_what_the_json_does_not_save()
    {
        var state = new InstanceState<Payload>
        {
            InstanceId = "i",
            Data = new Payload(),
            Timers = new List<TimerState>(),
            Loops = new List<LoopState>(),
            Calls = new List<CallState>(),
            ThrownSignals = new List<string> { "s" },
            CallRequests = new List<CallRequest>(),
            AbandonedCalls = new List<string> { "c" },
            UncaughtEscalations = new List<string> { "e" },
            Exception = new InvalidOperationException("x"),
        };

        var copy = state.Copy(d => new Payload());

        Assert.Equal(Json(state), Json(copy));
        Assert.Null(copy.ThrownSignals);
        Assert.Null(copy.CallRequests);
        Assert.Null(copy.AbandonedCalls);
        Assert.Null(copy.UncaughtEscalations);
        Assert.Null(copy.Exception);
    }

    private static string Json(InstanceState<Payload> state)
    {
        var buffer = JsonBuffer.Rent();
        try
        {
            InstanceStateJson.Write(buffer, state, ReflectionDataJson<Payload>.Instance);
            return buffer.Text();
        }
        finally
        {
            buffer.Return();
        }
    }

    /// <summary>Every public property equal, every mutable object (not a string, not a value) a different one.</summary>
    private static void Compare(object? original, object? copy, string path)
    {
        if (original is null || copy is null)
        {
            Assert.True(original is null && copy is null, $"{path}: {original ?? "null"} was copied as {copy ?? "null"}");
            return;
        }

        var type = original.GetType();
        Assert.Equal(type, copy.GetType());
        if (type == typeof(string) || type.IsValueType)
        {
            Assert.True(original.Equals(copy), $"{path}: {original} was copied as {copy}");
            return;
        }

        Assert.False(ReferenceEquals(original, copy), $"{path} ({type.Name}) is shared by the copy, not copied");
        if (original is IList list)
        {
            var copied = (IList)copy;
            Assert.True(list.Count == copied.Count, $"{path}: {list.Count} items were copied as {copied.Count}");
            for (var i = 0; i < list.Count; i++)
            {
                Compare(list[i], copied[i], $"{path}[{i}]");
            }

            return;
        }

        foreach (var property in Filler.Settable(type))
        {
            Compare(property.GetValue(original), property.GetValue(copy), $"{path}.{property.Name}");
        }
    }

    /// <summary>Gives every public settable property a value other than its default, each one different.</summary>
    internal sealed class Filler
    {
        private int _next = 1;

        public static IEnumerable<PropertyInfo> Settable(Type type) =>
            type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true && p.GetIndexParameters().Length == 0);

        public object? Fill(Type type, string path, int depth)
        {
            var n = _next++;
            var nullable = Nullable.GetUnderlyingType(type);
            type = nullable ?? type;
            if (type == typeof(string))
            {
                return $"{path}-{n}";
            }

            if (type == typeof(bool))
            {
                return true;
            }

            if (type.IsEnum)
            {
                var values = Enum.GetValues(type);
                return values.GetValue(values.Length - 1 - (n % Math.Max(1, values.Length - 1)));
            }

            if (type.IsPrimitive)
            {
                return Convert.ChangeType(n, type, System.Globalization.CultureInfo.InvariantCulture);
            }

            if (type == typeof(DateTimeOffset))
            {
                return new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(n);
            }

            if (type == typeof(byte[]))
            {
                return new byte[] { (byte)n, 0xff };
            }

            Assert.True(depth < 6, $"{path}: the state nests deeper than this test expects");
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
            {
                var list = (IList)Activator.CreateInstance(type)!;
                var item = type.GetGenericArguments()[0];
                list.Add(Fill(item, path + "[0]", depth + 1));
                list.Add(Fill(item, path + "[1]", depth + 1));
                return list;
            }

            Assert.True(type.IsClass && type.GetConstructor(Type.EmptyTypes) is not null, $"{path}: this test cannot make a {type}; teach its filler");
            var value = Activator.CreateInstance(type)!;
            foreach (var property in Settable(type))
            {
                property.SetValue(value, Fill(property.PropertyType, $"{path}.{property.Name}", depth + 1));
            }

            return value;
        }
    }
}
