using PaintDotNet.PropertySystem;

namespace PaintDotNet.IndirectUI
{
    public enum ControlInfoPropertyNames
    {
        DisplayName = 0,
        Description = 1,
        DecimalPlaces = 5,
        SliderSmallChange = 6,
        SliderLargeChange = 9,
        ShowResetButton = 17,
        WindowTitle = 21,
    }

    public class ControlInfo
    {
        private readonly List<PropertyControlInfo> _controls;

        internal ControlInfo(IEnumerable<Property> properties) => _controls = properties.Select(p => new PropertyControlInfo(p)).ToList();

        public static ControlInfo CreateDefaultConfigUI(IEnumerable<Property> props) => new ControlInfo(props);

        public PropertyControlInfo? FindControlForPropertyName(object propertyName) => _controls.FirstOrDefault(c => c.Property.Name == propertyName.ToString());

        public void SetPropertyControlValue(object propertyName, object controlPropertyName, object? value)
            => FindControlForPropertyName(propertyName)!.ControlValues[controlPropertyName.ToString()!] = value;
    }

    public class PropertyControlInfo
    {
        internal PropertyControlInfo(Property property) => Property = property;

        public Property Property { get; }

        internal Dictionary<string, object?> ControlValues { get; } = new Dictionary<string, object?>();

        internal Dictionary<object, string> ValueDisplayNames { get; } = new Dictionary<object, string>();

        public string GetValueDisplayName(object value) => ValueDisplayNames.TryGetValue(value, out var name) ? name : value.ToString()!;

        public void SetValueDisplayName(object value, string displayName) => ValueDisplayNames[value] = displayName;
    }
}
