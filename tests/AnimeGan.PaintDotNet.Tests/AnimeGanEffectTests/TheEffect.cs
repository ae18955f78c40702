using PaintDotNet.PropertySystem;
using PaintDotNet.Rendering;
using AnimeGan.PaintDotNet.TestHost;

namespace AnimeGan.PaintDotNet.Tests.AnimeGanEffectTests
{
    public class TheEffect
    {
        [Fact]
        public void ShouldOfferTheInstalledStylesAndSensibleDefaults()
        {
            var effect = EffectFixture.CreateEffect();
            var properties = effect.CreatePropertyCollection();

            Assert.Equal(new[] { "Style", "Strength", "FaceEnhancement", "FaceStyle", "Detail", "KeepColors" }, properties.PropertyNames);
            var style = (StaticListChoiceProperty)properties[AnimeGanEffect.PropertyNames.Style];
            Assert.Equal(TestModels.Store.Installed(AnimeGan.Core.Models.ModelKind.Style).Select(s => (object)s.Id), style.ValueChoices);
            Assert.Equal("hayao", style.DefaultValue);
            var strength = (Int32Property)properties[AnimeGanEffect.PropertyNames.Strength];
            Assert.Equal((100, 0, 100), (strength.DefaultValue, strength.MinValue, strength.MaxValue));
            Assert.True(((BooleanProperty)properties[AnimeGanEffect.PropertyNames.FaceEnhancement]).DefaultValue);
            Assert.Equal(AnimeGanEffect.SameAsStyle, properties[AnimeGanEffect.PropertyNames.FaceStyle].DefaultValue);
            Assert.Equal(AnimeGanEffect.DetailLevel.Balanced, properties[AnimeGanEffect.PropertyNames.Detail].DefaultValue);
            Assert.False(((BooleanProperty)properties[AnimeGanEffect.PropertyNames.KeepColors]).DefaultValue);
        }

        [Fact]
        public void ShouldShowDisplayNamesInTheDialog()
        {
            var effect = EffectFixture.CreateEffect();
            var properties = effect.CreatePropertyCollection();
            var ui = effect.CreateConfigUI(properties);
            Assert.Equal("Shinkai (AnimeGANv3)", ui.FindControlForPropertyName(AnimeGanEffect.PropertyNames.Style)!.GetValueDisplayName("shinkai"));
            Assert.Equal("Balanced (1024 px)", ui.FindControlForPropertyName(AnimeGanEffect.PropertyNames.Detail)!.GetValueDisplayName(AnimeGanEffect.DetailLevel.Balanced));
            Assert.Equal("Hayao (AnimeGANv2)", ui.FindControlForPropertyName(AnimeGanEffect.PropertyNames.Style)!.GetValueDisplayName("hayao-v2"));
        }

        [Fact]
        public void ShouldRenderTileByTileExactlyWhatTheEngineMakes()
        {
            var (bgra, picture) = EffectFixture.Photo();
            var effect = EffectFixture.CreateEffect();
            using var host = new EffectHost(bgra, picture.Width, picture.Height);

            var rendered = host.Render(effect, EffectFixture.Settings(effect, strength: 70), tileSize: 48);

            var expected = TestModels.Engine.Stylize(picture, new StylizeOptions { Strength = 0.7, MaxSize = 512, Faces = false }).Image;
            Assert.True(host.TilesRendered > 4);
            Assert.Equal(ToBgra(expected), rendered);
        }

        [Fact]
        public void ShouldKeepTheOriginalColoursExactlyAsTheEngineDoes()
        {
            var (bgra, picture) = EffectFixture.Photo();
            var effect = EffectFixture.CreateEffect();
            using var host = new EffectHost(bgra, picture.Width, picture.Height);
            using var runs = new ModelRunCounter();

            var styled = host.Render(effect, EffectFixture.Settings(effect, strength: 80), cancellationToken: runs.Token);
            var kept = host.Render(effect, EffectFixture.Settings(effect, strength: 80, keepColors: true), tileSize: 48, cancellationToken: runs.Token);

            var expected = TestModels.Engine.Stylize(picture, new StylizeOptions { Strength = 0.8, MaxSize = 512, Faces = false, KeepColors = true }).Image;
            Assert.Equal(ToBgra(expected), kept);
            Assert.NotEqual(styled, kept);
            Assert.Equal(1, runs.Runs);
        }

        [Fact]
        public void ShouldLeaveTheSourceUnchangedAtStrengthZero()
        {
            var (bgra, picture) = EffectFixture.Photo();
            var effect = EffectFixture.CreateEffect();
            using var host = new EffectHost(bgra, picture.Width, picture.Height);
            Assert.Equal(bgra, host.Render(effect, EffectFixture.Settings(effect, strength: 0)));
        }

        [Fact]
        public void ShouldNotRunTheModelAgainWhenOnlyStrengthChanges()
        {
            var (bgra, picture) = EffectFixture.Photo();
            var effect = EffectFixture.CreateEffect();
            using var host = new EffectHost(bgra, picture.Width, picture.Height);
            using var runs = new ModelRunCounter();

            var full = host.Render(effect, EffectFixture.Settings(effect, strength: 100), cancellationToken: runs.Token);
            var half = host.Render(effect, EffectFixture.Settings(effect, strength: 50), cancellationToken: runs.Token);
            var quarter = host.Render(effect, EffectFixture.Settings(effect, strength: 25), cancellationToken: runs.Token);

            Assert.Equal(1, runs.Runs);
            Assert.NotEqual(full, half);
            Assert.NotEqual(half, quarter);

            host.Render(effect, EffectFixture.Settings(effect, strength: 25, style: "shinkai"), cancellationToken: runs.Token);
            Assert.Equal(2, runs.Runs);
        }

        [Fact]
        public void ShouldStylizeOnlyInsideTheSelection()
        {
            var (bgra, picture) = EffectFixture.Photo();
            var selection = new RectInt32(30, 20, 100, 70);
            var effect = EffectFixture.CreateEffect();
            using var host = new EffectHost(bgra, picture.Width, picture.Height, selection);

            var rendered = host.Render(effect, EffectFixture.Settings(effect));

            var changedInside = 0;
            for (var y = 0; y < picture.Height; y++)
            {
                for (var x = 0; x < picture.Width; x++)
                {
                    var i = ((y * picture.Width) + x) * 4;
                    var same = bgra.AsSpan(i, 4).SequenceEqual(rendered.AsSpan(i, 4));
                    if (!selection.Contains(x, y))
                        Assert.True(same, $"pixel {x},{y} outside the selection changed");
                    else if (!same)
                        changedInside++;
                }
            }

            Assert.True(changedInside > selection.Width * selection.Height / 2);
        }

        [Fact]
        public void ShouldKeepTheSourceAlpha()
        {
            var (bgra, picture) = EffectFixture.Photo();
            var effect = EffectFixture.CreateEffect();
            using var host = new EffectHost(bgra, picture.Width, picture.Height);

            var rendered = host.Render(effect, EffectFixture.Settings(effect));

            for (var i = 3; i < bgra.Length; i += 4)
                Assert.Equal(bgra[i], rendered[i]);
        }

        [Fact]
        public void ShouldAbandonAModelRunWhenTheDialogIsClosedMidway()
        {
            // Paint.NET cancels the effect's token when the dialog closes; here it is cancelled as the model
            // run starts. The effect must hand its token to the engine: if it did not, the run would finish,
            // the result would be cached, and the tiles rendered afterwards (with no cancellation) would be
            // stylized instead of the original picture.
            var (bgra, picture) = EffectFixture.Photo(600);
            var effect = EffectFixture.CreateEffect();
            using var host = new EffectHost(bgra, picture.Width, picture.Height);
            using var cancellation = new CancelAtModelRun();

            host.SetToken(effect, EffectFixture.Settings(effect, detail: AnimeGanEffect.DetailLevel.Fine), cancellation.Token);

            Assert.True(cancellation.Reached);
            Assert.Null(effect.LastError);
            Assert.Equal(bgra, host.RenderTiles(effect));
        }

        [Fact]
        public void ShouldExplainAndLeaveThePictureWhenNoModelIsInstalled()
        {
            using var empty = new TemporaryDirectory();
            var (bgra, picture) = EffectFixture.Photo(64);
            var effect = EffectFixture.CreateEffectWithoutModels(empty.Path);
            var properties = effect.CreatePropertyCollection();

            var style = (StaticListChoiceProperty)properties[AnimeGanEffect.PropertyNames.Style];
            Assert.Equal(new object[] { AnimeGanEffect.NoStyleInstalled }, style.ValueChoices);
            Assert.Contains("animegan models install", effect.CreateConfigUI(properties).FindControlForPropertyName(AnimeGanEffect.PropertyNames.Style)!.GetValueDisplayName(AnimeGanEffect.NoStyleInstalled));
            using var host = new EffectHost(bgra, picture.Width, picture.Height);
            Assert.Equal(bgra, host.Render(effect, properties));
        }

        [Fact]
        public void ShouldAskForSquareTiles()
        {
            var (bgra, picture) = EffectFixture.Photo(64);
            var effect = EffectFixture.CreateEffect();
            using var host = new EffectHost(bgra, picture.Width, picture.Height);
            host.SetToken(effect, EffectFixture.Settings(effect, strength: 0));
            Assert.Equal(global::PaintDotNet.Effects.BitmapEffectRenderingSchedule.SquareTiles, host.Schedule);
        }

        private static byte[] ToBgra(PixelImage image)
        {
            var bgra = new byte[image.Width * image.Height * 4];
            for (var i = 0; i < image.Width * image.Height; i++)
            {
                bgra[i * 4] = image.Rgb[(i * 3) + 2];
                bgra[(i * 4) + 1] = image.Rgb[(i * 3) + 1];
                bgra[(i * 4) + 2] = image.Rgb[i * 3];
                bgra[(i * 4) + 3] = image.Alpha![i];
            }

            return bgra;
        }
    }
}

namespace AnimeGan.PaintDotNet.Tests.AnimeGanEffectTests
{
    public class TheEffectWithADamagedModel
    {
        [Fact]
        public void ShouldExplainAndLeaveThePictureUnchanged()
        {
            using var folder = new TemporaryDirectory();
            var entry = TestModels.Store.Manifest.Get("hayao");
            var bytes = System.IO.File.ReadAllBytes(TestModels.Store.GetPath(entry));
            bytes[bytes.Length / 3] ^= 0x55;
            System.IO.File.WriteAllBytes(folder.File(entry.FileName), bytes);
            var (bgra, picture) = EffectFixture.Photo(64);
            var effect = EffectFixture.CreateEffectWithoutModels(folder.Path);
            using var host = new EffectHost(bgra, picture.Width, picture.Height);

            var rendered = host.Render(effect, EffectFixture.Settings(effect, style: "hayao"));

            Assert.Equal(bgra, rendered);
            Assert.Contains("SHA-256", effect.LastError);
        }
    }
}
