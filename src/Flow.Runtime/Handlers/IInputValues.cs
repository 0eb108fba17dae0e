using System;
using System.ComponentModel;

namespace Flow;

/// <summary>
/// A task's evaluated input parameters by position, without reflection: the generated inputs
/// class of a task bound by name implements it (explicitly, so its own members stay the
/// parameters), and <see cref="TaskInputs"/> reads and sets them by name through it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IInputValues
{
    /// <summary>How many values there are.</summary>
    int Count { get; }

    /// <summary>The name of value <paramref name="index"/> (the parameter's name as written).</summary>
    string NameAt(int index);

    /// <summary>The declared C# type of value <paramref name="index"/>.</summary>
    Type TypeAt(int index);

    /// <summary>The current value at <paramref name="index"/>.</summary>
    object? GetAt(int index);

    /// <summary>Sets value <paramref name="index"/> (the caller has checked it is of <see cref="TypeAt"/>).</summary>
    void SetAt(int index, object? value);
}

/// <summary>Helpers for generated code: types and casts inferred from a property (so that the declared type text, which may be <c>string?</c>, is written once), and script values.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class InputValues
{
    /// <summary>The static type of <paramref name="value"/>'s expression.</summary>
    public static Type TypeOf<T>(T value) => typeof(T);

    /// <summary><paramref name="value"/> as the type of <paramref name="like"/>.</summary>
    public static T As<T>(object? value, T like) => value is null ? default! : (T)value;

    /// <summary>Runs a C# script parameter value whose type its <c>return</c> statements give.</summary>
    public static T Evaluate<T>(Func<T> script) => script();

    /// <summary>A multi-instance element as a read-only value named by its element variable.</summary>
    public static IInputValues Element<T>(string name, T value) => new ElementValue<T>(name, value);

    private sealed class ElementValue<T>(string name, T value) : IInputValues
    {
        public int Count => 1;

        public string NameAt(int index) => name;

        public Type TypeAt(int index) => typeof(T);

        public object? GetAt(int index) => value;

        public void SetAt(int index, object? value) =>
            throw new InvalidOperationException($"The multi-instance element '{name}' is read-only.");
    }
}
