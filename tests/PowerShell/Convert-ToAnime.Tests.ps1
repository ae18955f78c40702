BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $Fast = @{ MaxSize = 64; NoFaceEnhancement = $true; ModelsPath = $Models }
}

Describe 'Convert-ToAnime' {
    BeforeEach {
        $work = New-TestFolder
        Copy-Item $Photo (Join-Path $work 'a.jpg')
        Copy-Item $Street (Join-Path $work 'b.jpg')
    }
    AfterEach { Remove-Item -LiteralPath $work -Recurse -Force }

    It 'converts Get-ChildItem output and returns records that pipe into the file cmdlets' {
        $results = Get-ChildItem $work -Filter *.jpg | Convert-ToAnime @Fast
        $results | Should -HaveCount 2
        $results[0].Style | Should -Be 'hayao'
        $results[0].Name | Should -Be 'a_anime.jpg'
        ($results | Get-Item).FullName | Should -Be @((Join-Path $work 'a_anime.jpg'), (Join-Path $work 'b_anime.jpg'))
        $copies = New-Item -ItemType Directory -Path (Join-Path $work 'copies')
        $results | Copy-Item -Destination $copies
        Join-Path $copies 'b_anime.jpg' | Should -Exist
    }

    It 'is also called ConvertTo-Anime' {
        (Get-Alias ConvertTo-Anime).Definition | Should -Be 'Convert-ToAnime'
    }

    It 'writes nothing with -WhatIf and converts with -Confirm:$false' {
        Convert-ToAnime (Join-Path $work '*.jpg') @Fast -WhatIf | Should -BeNullOrEmpty
        Get-ChildItem $work | Should -HaveCount 2
        Convert-ToAnime (Join-Path $work 'a.jpg') @Fast -Confirm:$false | Should -HaveCount 1
    }

    It 'takes -LiteralPath with brackets in the name' {
        Copy-Item -LiteralPath $Photo -Destination (Join-Path $work '[x].jpg')
        $result = Convert-ToAnime -LiteralPath (Join-Path $work '[x].jpg') @Fast
        $result.OutputPath | Should -Be (Join-Path $work '[x]_anime.jpg')
        Test-Path -LiteralPath $result.OutputPath | Should -BeTrue
    }

    It 'reads from and writes to a PSDrive' {
        New-PSDrive -Name AnimeIn -PSProvider FileSystem -Root $work | Out-Null
        try {
            $result = Convert-ToAnime AnimeIn:\a.jpg -Destination AnimeIn:\out @Fast
            $result.OutputPath | Should -Be (Join-Path $work 'out' 'a_anime.jpg')
            $result.OutputPath | Should -Exist
        }
        finally { Remove-PSDrive AnimeIn }
    }

    It 'resolves relative paths against the current location, not the process folder' {
        Push-Location $work
        try {
            $result = Convert-ToAnime ./a.jpg -Destination ./here @Fast
            $result.OutputPath | Should -Be (Join-Path $work 'here' 'a_anime.jpg')
        }
        finally { Pop-Location }
    }

    It 'binds the Path column of Import-Csv' {
        $list = Join-Path $work 'list.csv'
        [pscustomobject]@{ Path = Join-Path $work 'a.jpg' }, [pscustomobject]@{ Path = Join-Path $work 'b.jpg' } | Export-Csv -Path $list
        $results = Import-Csv $list | Convert-ToAnime @Fast
        $results | Should -HaveCount 2
    }

    It 'mirrors sub-folders of a recursive listing under -Destination' {
        $tree = New-Item -ItemType Directory -Path (Join-Path $work 'tree' 'day1') -Force
        Copy-Item $Photo (Join-Path $work 'tree' 'p.jpg')
        Copy-Item $Street (Join-Path $tree 'p.jpg')
        $results = Get-ChildItem (Join-Path $work 'tree') -Recurse -Filter *.jpg | Convert-ToAnime -Destination (Join-Path $work 'out') @Fast
        $results | Should -HaveCount 2
        Join-Path $work 'out' 'p_anime.jpg' | Should -Exist
        Join-Path $work 'out' 'day1' 'p_anime.jpg' | Should -Exist
    }

    It 'refuses a -Destination that is not a file-system path' {
        { Convert-ToAnime (Join-Path $work 'a.jpg') -Destination Variable:/x @Fast -ErrorAction Stop } |
            Should -Throw -ErrorId 'NotAFileSystemPath,AnimeGan.PowerShell.Cmdlets.ConvertToAnimeCommand'
        Get-ChildItem $work -Recurse | Should -HaveCount 2
    }

    It 'reports a bad photo as an ErrorRecord with a category and the file as target, and converts the rest' {
        Set-Content -Path (Join-Path $work 'c.jpg') -Value 'not a photo'
        $results = Convert-ToAnime (Join-Path $work '*.jpg') @Fast -ErrorVariable failures -ErrorAction SilentlyContinue
        $results | Should -HaveCount 2
        $failures | Should -HaveCount 1
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $failures[0].TargetObject | Should -Be (Join-Path $work 'c.jpg')
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'UnsupportedFormat*'
    }

    It 'ends the whole batch at the first failure with -ErrorAction Stop, leaving only the outputs it returned' {
        Set-Content -Path (Join-Path $work '0.jpg') -Value 'not a photo'
        1..4 | ForEach-Object { Copy-Item $Street (Join-Path $work "p$_.jpg") }
        $taken = [Collections.ArrayList]::new()
        { Get-ChildItem $work -Filter *.jpg | Convert-ToAnime -Destination (Join-Path $work 'out') -ThrottleLimit 2 @Fast -ErrorAction Stop | ForEach-Object { [void]$taken.Add($_) } } | Should -Throw
        $out = Join-Path $work 'out'
        $written = if (Test-Path $out) { @(Get-ChildItem $out -Force) } else { @() }
        $written | Should -HaveCount $taken.Count
        Get-RunningConversions | Should -Be 0   # nothing may still be converting behind the returned cmdlet
    }

    It 'takes each row''s Style and Strength from Import-Csv' {
        $csv = Join-Path $work 'photos.csv'
        @(
            [pscustomobject]@{ Path = (Join-Path $work 'a.jpg'); Style = 'shinkai'; Strength = '0.5' }
            [pscustomobject]@{ Path = (Join-Path $work 'b.jpg'); Style = 'cute'; Strength = '1' }
        ) | Export-Csv -Path $csv
        $records = Import-Csv $csv | Convert-ToAnime -MaxSize 64 -NoFaceEnhancement -ModelsPath $Models
        ($records | Sort-Object SourcePath).Style | Should -Be @('shinkai', 'cute')
        ($records | Sort-Object SourcePath).Strength | Should -Be @(0.5, 1)
    }

    It 'leaves existing outputs alone with -SkipExisting, saying so with -Verbose' {
        Get-ChildItem $work -Filter *.jpg | Convert-ToAnime @Fast | Out-Null
        $again = Get-ChildItem $work -Filter *.jpg | Convert-ToAnime -SkipExisting @Fast -ErrorVariable failures -Verbose 4>&1
        $failures | Should -BeNullOrEmpty
        @($again | Where-Object { $_ -is [AnimeGan.PowerShell.ConversionRecord] }) | Should -HaveCount 0
        @($again | Where-Object { $_ -is [Management.Automation.VerboseRecord] -and $_.Message -like '*: skipped, *exists' }) | Should -HaveCount 2
    }

    It 'mirrors a retried photo under -SourceRoot as the whole tree was' {
        $tree = New-Item -ItemType Directory -Path (Join-Path $work 'tree')
        New-Item -ItemType Directory -Path (Join-Path $tree 'x'), (Join-Path $tree 'y') | Out-Null
        Copy-Item $Photo (Join-Path $tree 'x' 'p.jpg')
        Copy-Item $Photo (Join-Path $tree 'y' 'q.jpg')
        $out = Join-Path $work 'out'
        Get-ChildItem $tree -Recurse -File | Convert-ToAnime -Destination $out @Fast | Out-Null
        Join-Path $out 'x' 'p_anime.jpg' | Should -Exist

        # Retrying one photo alone: its folder would be the root, and the output would land in $out itself.
        $retried = Convert-ToAnime (Join-Path $tree 'x' 'p.jpg') -Destination $out -SourceRoot $tree -Force @Fast
        $retried.OutputPath | Should -Be (Join-Path $out 'x' 'p_anime.jpg')
        Join-Path $out 'p_anime.jpg' | Should -Not -Exist
    }

    It 'leaves exactly one output for Select-Object -First 1' {
        1..4 | ForEach-Object { Copy-Item $Street (Join-Path $work "p$_.jpg") }
        $first = Get-ChildItem $work -Filter *.jpg | Convert-ToAnime -Destination (Join-Path $work 'out') -ThrottleLimit 2 @Fast | Select-Object -First 1
        $first | Should -HaveCount 1
        Get-ChildItem (Join-Path $work 'out') -Force | Should -HaveCount 1
        Get-RunningConversions | Should -Be 0
    }

    It 'converts with -ThrottleLimit <limit>' -TestCases @{ limit = 1 }, @{ limit = 2 } {
        param($limit)
        Get-ChildItem $work -Filter *.jpg | Convert-ToAnime -ThrottleLimit $limit @Fast | Should -HaveCount 2
    }

    It 'refuses a -ThrottleLimit outside 1..64' {
        { Convert-ToAnime (Join-Path $work 'a.jpg') -ThrottleLimit 0 @Fast } | Should -Throw -ErrorId 'ParameterArgumentValidationError,AnimeGan.PowerShell.Cmdlets.ConvertToAnimeCommand'
    }

    It 'takes the engine''s ranges for -Strength and -MaxSize, edges included, and refuses beyond them' {
        # The edges are the engine's (OptionLimits): a cmdlet range that drifted from them fails here.
        Convert-ToAnime (Join-Path $work 'a.jpg') -Strength 0 -MaxSize 16 -NoFaceEnhancement -Suffix _s0 -ModelsPath $Models | Should -HaveCount 1
        Convert-ToAnime (Join-Path $work 'a.jpg') -Strength 1 -MaxSize 8192 -NoFaceEnhancement -Suffix _s1 -ModelsPath $Models -WhatIf | Should -BeNullOrEmpty
        { Convert-ToAnime (Join-Path $work 'a.jpg') -Strength 1.001 -ModelsPath $Models } | Should -Throw -ErrorId 'ParameterArgumentValidationError,AnimeGan.PowerShell.Cmdlets.ConvertToAnimeCommand'
        { Convert-ToAnime (Join-Path $work 'a.jpg') -MaxSize 15 -ModelsPath $Models } | Should -Throw -ErrorId 'ParameterArgumentValidationError,AnimeGan.PowerShell.Cmdlets.ConvertToAnimeCommand'
        Get-ChildItem $work | Should -HaveCount 3
    }

    It 'writes the format -Format names, whatever the photo''s own' {
        $result = Convert-ToAnime (Join-Path $work 'a.jpg') -Format png @Fast
        $result.Name | Should -Be 'a_anime.png'
        $bytes = [IO.File]::ReadAllBytes($result.OutputPath)
        $bytes[1..3] | Should -Be @(0x50, 0x4E, 0x47)   # the PNG signature, not a renamed JPEG
    }

    It 'keeps an existing output unless -Force, and says so in PowerShell terms' {
        Set-Content -Path (Join-Path $work 'a_anime.jpg') -Value 'keep me'
        Convert-ToAnime (Join-Path $work 'a.jpg') @Fast -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OutputExists*'
        "$($failures[0])" | Should -BeLike '*Use -Force to replace it.*'
        Get-Content (Join-Path $work 'a_anime.jpg') | Should -Be 'keep me'
        Convert-ToAnime (Join-Path $work 'a.jpg') @Fast -Force | Should -HaveCount 1
    }

    It 'takes -Precision, runs float when asked, and says how to get INT8 when no INT8 graph was made' {
        $record = Convert-ToAnime (Join-Path $work 'a.jpg') @Fast -Precision Float -Suffix _float
        $record.Precision | Should -Be 'float'
        { Convert-ToAnime (Join-Path $work 'a.jpg') @Fast -Precision Int8 -Suffix _int8 -ErrorAction Stop } | Should -Throw -ExpectedMessage "*'hayao' has no INT8 graph on this machine yet*"
        { Convert-ToAnime (Join-Path $work 'a.jpg') @Fast -Precision Half } | Should -Throw
    }

    It 'names Install-AnimeModel when the style is not installed' {
        $empty = Join-Path $work 'no-models'
        { Convert-ToAnime (Join-Path $work 'a.jpg') -ModelsPath $empty -ErrorAction Stop } | Should -Throw -ExpectedMessage "*Install-AnimeModel hayao*"
    }

    It 'shows its records in a table that fits 80 columns under property names' {
        $results = Get-ChildItem $work -Filter *.jpg | Convert-ToAnime @Fast
        $table = $results | Format-Table | Out-String -Width 80
        $table -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 } | Should -BeNullOrEmpty
        $header = ($table -split "`n" | Where-Object { $_ -match '\S' } | Select-Object -First 1)
        foreach ($name in 'Name', 'Style', 'Strength', 'FacesFound', 'Width', 'Height', 'Seconds') {
            $header | Should -Match "\b$name\b"
            $results[0].PSObject.Properties.Name | Should -Contain $name
        }
    }

    It 'converts a video clip with its sound' {
        $clip = Join-Path $work 'clip.mp4'
        & ffmpeg -v error -y -f lavfi -i testsrc2=size=160x120:rate=10:duration=1 -f lavfi -i sine=frequency=440:duration=1 -c:a aac -c:v libx264 -pix_fmt yuv420p $clip
        $result = Convert-ToAnime $clip -MaxSize 96 -ModelsPath $Models
        $result.Name | Should -Be 'clip_anime.mp4'
        $streams = & ffprobe -v error -show_entries stream=codec_type -of csv=p=0 $result.OutputPath
        $streams | Should -Be @('video', 'audio')
    }

    It 'uses a variant made earlier in the same session' {
        $models = Join-Path $work 'models'
        Install-AnimeModel jp-face -SourcePath $SharedModels -ModelsPath $models -SkipInt8 | Out-Null
        Convert-ToAnime (Join-Path $work 'a.jpg') -Style jp-face -MaxSize 64 -NoFaceEnhancement -ModelsPath $models | Should -HaveCount 1
        Optimize-AnimeModel jp-face -Kind Float32 -ModelsPath $models | Out-Null
        (Convert-ToAnime (Join-Path $work 'a.jpg') -Style jp-face@fp32 -Suffix _fp32 -MaxSize 64 -NoFaceEnhancement -ModelsPath $models).Style | Should -Be 'jp-face@fp32'
    }
}
