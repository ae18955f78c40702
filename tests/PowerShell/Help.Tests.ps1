BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
}

Describe 'Help for <_>' -ForEach @('Convert-ToAnime', 'Get-AnimeStyle', 'Install-AnimeModel', 'Get-AnimeFace', 'Optimize-AnimeModel') {
    BeforeAll {
        $name = $_
        $help = Get-Help $name -Full
        $command = Get-Command $name
    }

    It 'has a synopsis, a description and examples' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.description | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterOrEqual 1
    }

    It 'numbers its examples in order' {
        $numbers = @($help.examples.example | ForEach-Object { if ($_.title -match 'Example (\d+)') { [int]$Matches[1] } })
        $numbers | Should -Be (1..@($help.examples.example).Count)
    }

    It 'names what it takes from the pipeline' {
        $takesPipeline = @($command.Parameters.Values | Where-Object { $_.Attributes | Where-Object { $_ -is [Management.Automation.ParameterAttribute] -and ($_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName) } }).Count -gt 0
        $inputs = @($help.inputTypes.inputType | ForEach-Object { $_.type.name })
        if ($takesPipeline) { $inputs | Should -Not -Contain 'None' }
    }

    It 'has examples that parse' {
        foreach ($example in $help.examples.example) {
            $errors = $null
            [Management.Automation.Language.Parser]::ParseInput($example.code, [ref]$null, [ref]$errors) | Out-Null
            $errors | Should -BeNullOrEmpty -Because $example.code
        }
    }

    It 'has one SYNTAX line per parameter set, switches without a type' {
        @($help.syntax.syntaxItem).Count | Should -Be $command.ParameterSets.Count
        $syntax = ($help.syntax | Out-String -Width 500) -split "`n" | Where-Object { $_ -match "^\s*$name " }
        @($syntax).Count | Should -Be $command.ParameterSets.Count
        $syntax | Should -Not -Match '<SwitchParameter>'
    }

    It 'shows every parameter with its aliases and pipeline binding' {
        foreach ($parameter in $command.Parameters.Values | Where-Object { $_.Name -notin [Management.Automation.Cmdlet]::CommonParameters }) {
            $shown = $help.parameters.parameter | Where-Object name -EQ $parameter.Name
            $shown | Should -Not -BeNullOrEmpty -Because $parameter.Name
            $shown.description | Should -Not -BeNullOrEmpty -Because $parameter.Name
            if ($parameter.Aliases.Count -gt 0) { $shown.aliases | Should -Be ($parameter.Aliases -join ', ') }
        }
    }

    It 'links online help to its README section' {
        $command.HelpUri | Should -BeLike 'https://*README.md#*'
        $help.relatedLinks.navigationLink[0].uri | Should -Be $command.HelpUri
    }
}
