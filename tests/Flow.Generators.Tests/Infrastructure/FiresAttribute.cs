namespace Flow.Generators.Tests.Infrastructure;

/// <summary>Marks a test that fires a diagnostic at its exact position (a catalog test checks every id has one).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
internal sealed class FiresAttribute(string id) : Attribute
{
    public string Id { get; } = id;
}
