package org.sanfu.enterprise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameAsSaidUnitTests {

    @Test
    void theDivisionsAtTheStartLoseTheirSuffixes() {
        assertThat(NameAsSaid.of("温岭市海通泵业有限公司")).isEqualTo("温岭海通泵业有限公司");
        assertThat(NameAsSaid.of("浙江省温岭市海通泵业有限公司")).isEqualTo("浙江温岭海通泵业有限公司");
        assertThat(NameAsSaid.of("宁波市鄞州区东方贸易有限公司")).isEqualTo("宁波鄞州东方贸易有限公司");
        assertThat(NameAsSaid.of("石家庄市华北制药厂")).isEqualTo("石家庄华北制药厂");
        assertThat(NameAsSaid.of("临海县五金厂")).isEqualTo("临海五金厂");
    }

    @Test
    void autonomousDivisionsLeagueBannerAndPrefectureLoseTheWholeSuffix() {
        assertThat(NameAsSaid.of("西藏自治区高原物产有限公司")).isEqualTo("西藏高原物产有限公司");
        assertThat(NameAsSaid.of("内蒙古自治区兴安盟科右前旗草原乳业")).isEqualTo("内蒙古兴安科右前草原乳业");
        assertThat(NameAsSaid.of("阿里地区雪域贸易")).isEqualTo("阿里雪域贸易");
        assertThat(NameAsSaid.of("延边自治州图们自治县边贸公司")).isEqualTo("延边图们边贸公司");
    }

    @Test
    void theShortestDivisionIsTakenSoThatAFollowingWordKeepsItsFirstCharacter() {
        // 重庆 + 市, not 重庆市 + the 市 of 市政
        assertThat(NameAsSaid.of("重庆市市政工程有限公司")).isEqualTo("重庆市政工程有限公司");
    }

    @Test
    void aNameNotStartingWithADivisionReadsAsFiled() {
        // four characters before 超市's 市: no division of two or three
        assertThat(NameAsSaid.of("大润发超市有限公司")).isEqualTo("大润发超市有限公司");
        assertThat(NameAsSaid.of("海通泵业有限公司温岭市分公司")).isEqualTo("海通泵业有限公司温岭市分公司");
        assertThat(NameAsSaid.of("吉利控股集团（宁波）有限公司")).isEqualTo("吉利控股集团（宁波）有限公司");
        assertThat(NameAsSaid.of("COSCO 宁波市分公司")).isEqualTo("COSCO 宁波市分公司");
        assertThat(NameAsSaid.of("市政工程公司")).isEqualTo("市政工程公司");
        assertThat(NameAsSaid.of("")).isEmpty();
    }

    @Test
    void aDivisionNameAloneReadsWithoutItsSuffix() {
        assertThat(NameAsSaid.of("浙江省温岭市")).isEqualTo("浙江温岭");
    }

    @Test
    void aTwoOrThreeCharacterWordBeforeASuffixIsReadAsADivisionWithoutAGazetteer() {
        // the reading's known false positive: it only lets 联华超 find the name too
        assertThat(NameAsSaid.of("联华超市")).isEqualTo("联华超");
        // 社区 is no suffix, but 区 is: read as 和平社 + 区, so 和平社服务 finds it too (searched only, harmless)
        assertThat(NameAsSaid.of("和平社区服务中心")).isEqualTo("和平社服务中心");
    }
}
