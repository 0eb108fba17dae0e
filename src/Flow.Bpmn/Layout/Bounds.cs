namespace Flow.Bpmn.Layout;

/// <summary>A shape's rectangle in diagram coordinates (dc:Bounds).</summary>
public readonly record struct Bounds(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;

    public int Bottom => Y + Height;

    public int CenterX => X + Width / 2;

    public int CenterY => Y + Height / 2;

    public Bounds Offset(int dx, int dy) => this with { X = X + dx, Y = Y + dy };

    public bool Contains(Bounds inner) => inner.X >= X && inner.Y >= Y && inner.Right <= Right && inner.Bottom <= Bottom;

    public bool Overlaps(Bounds other) => X < other.Right && other.X < Right && Y < other.Bottom && other.Y < Bottom;
}

/// <summary>A waypoint of an edge (di:waypoint).</summary>
public readonly record struct Waypoint(int X, int Y);
