package org.sanfu.generator;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The words of generated data: towns, enterprises, and for each problem category the titles,
 * descriptions and answers that staff and departments write, varied so that a text search finds
 * common words (集装箱, 融资, 用工) in many tickets and rare ones (碳足迹, 氢燃料) in a few.
 */
final class Vocabulary {

    static final List<String> TOWNS = List.of("太平街道", "城东街道", "城西街道", "城北街道", "横峰街道", "泽国镇",
            "大溪镇", "松门镇", "箬横镇", "新河镇");
    static final List<String> INDUSTRIES = List.of("水泵", "鞋业", "机床工具", "汽摩配", "电机", "农机", "船舶修造",
            "水产加工", "注塑", "服装", "阀门", "照明电器");
    private static final List<String> INDUSTRY_WORDS = List.of("泵业", "鞋业", "工具", "汽配", "电机", "农机", "船舶",
            "水产", "塑业", "服饰", "阀门", "照明");
    private static final String BRAND = "方联宝利华源鑫泰恒达瑞丰盛隆通宏兴顺安康新捷远航海江东星光明德正大禾嘉信诚凯威";
    private static final List<String> PREFIXES = List.of("温岭市", "台州", "浙江", "温岭");
    private static final List<String> SUFFIXES = List.of("有限公司", "有限公司", "股份有限公司", "进出口有限公司",
            "制造有限公司");

    static final List<String> PORTS = List.of("宁波舟山港", "上海洋山港", "大麦屿港", "台州港", "温州港");
    static final List<String> MARKETS = List.of("美国", "欧盟", "东盟", "中东", "拉美", "非洲", "俄罗斯", "日韩", "澳新",
            "印度");

    /** Each appears in about one description in 4,000: a search for it answers a handful. */
    static final List<String> RARE = List.of("另需办理产品碳足迹认证，客户要求提供核查报告", "海外仓退税手续尚未理顺",
            "仓库计划引进氢燃料电池叉车", "希望了解RCEP原产地累积规则的适用", "涉及跨境人民币结算的汇率避险",
            "客户要求提供欧盟CBAM碳排放数据", "拟在墨西哥设立组装工厂", "新上马光伏屋顶项目需并网审批");

    record Texts(List<String> titles, List<String> details, List<String> answers) {}

    private static final Map<String, Texts> BY_CATEGORY = Map.of(
            "CONTAINER", new Texts(
                    List.of("出口集装箱紧张", "海运舱位订不到", "集装箱运价上涨过快", "40尺高柜一箱难求", "船期一再推迟",
                            "空箱回流不足影响出货", "集装箱滞港费用高"),
                    List.of("本月有{n}个标箱订单待出运，{port}订舱排到{d}天以后", "{market}线运价较上月上涨{p}%，利润被吞噬",
                            "货代反映{port}空箱紧张，已有{n}个柜延误", "客户催货，延期交付将被索赔"),
                    List.of("已协调{port}优先放箱{n}个", "已对接船公司增加{market}航线舱位", "已组织货代联合订舱，船期提前{d}天",
                            "已申请海运费补贴，按标箱给予补助")),
            "LOGISTICS", new Texts(
                    List.of("陆运物流成本上升", "集卡运力不足", "冷链物流车辆短缺", "货车通行证办理难", "快递揽收延误"),
                    List.of("到{port}的集卡费用上涨{p}%", "每周需发车{n}次，运力经常不足", "城区限行导致送货延误{d}天"),
                    List.of("已协调物流园区增派集卡{n}辆", "已办理货车临时通行证", "已对接冷链企业签订长期运力协议")),
            "FINANCING", new Texts(
                    List.of("流动资金融资难", "贷款到期续贷困难", "缺少抵押物贷款受限", "融资成本偏高", "银行抽贷压贷",
                            "技改项目融资难"),
                    List.of("原材料涨价，流动资金缺口约{n}00万元", "{d}天后有一笔贷款到期，银行续贷审批未定",
                            "厂房为租赁，无抵押物，授信额度仅{n}0万元", "现贷款利率偏高，希望降低{p}个百分点"),
                    List.of("已协调银行发放低息贷款{n}00万元", "已办理无还本续贷", "已纳入政府性融资担保，担保费减半",
                            "已对接供应链金融产品，放款{n}0万元")),
            "CREDIT_INSURANCE", new Texts(
                    List.of("出口信保费率偏高", "海外买家拖欠货款", "信保限额不够用", "短期险理赔进度慢"),
                    List.of("{market}买家拖欠货款约{n}0万美元已逾期{d}天", "信保限额{n}0万美元，订单已超出",
                            "报损后{d}天仍未定损"),
                    List.of("已协调信保公司提高限额", "已启动理赔程序，预计{d}天内赔付", "已纳入小微企业统保平台，保费由财政承担")),
            "TRADE_FAIR", new Texts(
                    List.of("境外展会摊位费补助", "出国参展签证办理慢", "希望组团参加广交会", "线上展会效果不佳"),
                    List.of("计划参加{market}展会，摊位费约{n}万元", "参展人员{n}人签证尚未办出", "希望政府组团开拓{market}市场"),
                    List.of("已纳入展会补助目录，补助摊位费50%", "已协调加急办理签证", "已安排参加商务局组团展会")),
            "POLICY", new Texts(
                    List.of("稳外贸政策兑现慢", "技改补助未到位", "出口退税到账慢", "惠企政策不清楚", "研发费用加计扣除"),
                    List.of("去年申报的补助{n}万元至今未拨付", "出口退税{n}0万元已申报{d}天未到账",
                            "不了解今年有哪些可以申报的政策"),
                    List.of("已协调财政拨付补助资金", "已加快退税审核，{d}个工作日内到账", "已上门解读政策并协助申报")),
            "CUSTOMS", new Texts(
                    List.of("通关查验时间长", "原产地证办理", "出口商品检验不合格", "报关单据差错", "AEO认证辅导"),
                    List.of("一票货物查验拖了{d}天，影响船期", "{market}客户要求提供原产地证",
                            "希望申请AEO高级认证，享受通关便利"),
                    List.of("已协调海关优先查验", "已指导企业自助打印原产地证", "已安排AEO认证培训和预审")),
            "LABOR", new Texts(
                    List.of("用工短缺", "技术工人招聘难", "春节后员工返岗率低", "社保缴费基数有疑问", "员工培训补贴申请"),
                    List.of("生产线缺普工约{n}人", "数控技工缺口{n}人，月薪开到{p}千仍招不到", "节后返岗率仅{p}0%"),
                    List.of("已组织专场招聘会，招到{n}人", "已对接职业技术学校定向输送", "已落实以工代训补贴")),
            "LEGAL", new Texts(
                    List.of("外贸合同纠纷", "商标在海外被抢注", "知识产权侵权", "劳动争议咨询"),
                    List.of("与{market}客户合同纠纷，涉及金额{n}0万元", "产品商标在{market}被抢注", "发现仿冒产品{n}批次"),
                    List.of("已安排律师提供法律意见", "已协助启动海外商标异议程序", "已联系公证处固定侵权证据")),
            "OTHER", new Texts(
                    List.of("厂区周边道路破损", "用电负荷不足", "企业用地指标紧张", "污水管网接入"),
                    List.of("厂区门口道路坑洼，货车进出困难", "新上设备后用电负荷缺口{n}00千伏安", "扩产需用地约{n}0亩"),
                    List.of("已协调相关部门现场解决", "已纳入年度计划", "已答复企业，并说明办理流程")));

    private static final Texts GENERIC = new Texts(List.of("企业反映的问题"), List.of("企业希望尽快协调解决"),
            List.of("已协调解决"));

    static final List<String> RETURN_REASONS = List.of("不属于本部门职责，建议转{other}", "事项涉及多个部门，请专班重新分办",
            "企业诉求不明确，请补充情况后再派");
    static final List<String> OPINIONS = List.of("同意主办部门意见，本部门予以配合", "已安排专人对接企业",
            "本部门可提供相关政策支持");
    static final List<String> ESCALATION_REASONS = List.of("涉及航线运力调配，县级无法协调", "需省级政策支持",
            "涉及跨区域协调");
    static final List<String> FEEDBACK_COMMENTS = List.of("问题解决及时", "服务态度好", "基本解决，希望持续关注",
            "问题没有实际解决", "答复与诉求不符");
    static final List<String> VISIT_NOTES = List.of("外贸回暖，订单增加", "订单已排到{d}个月后", "生产经营正常",
            "原材料价格上涨，利润下降", "新产线投产在即", "海外需求减弱，订单下滑");

    private Vocabulary() {
    }

    static Texts of(String category) {
        return BY_CATEGORY.getOrDefault(category, GENERIC);
    }

    static String enterpriseName(SplittableRandom r, int industry) {
        return pick(r, PREFIXES) + BRAND.charAt(r.nextInt(BRAND.length())) + BRAND.charAt(r.nextInt(BRAND.length()))
                + INDUSTRY_WORDS.get(industry % INDUSTRY_WORDS.size()) + pick(r, SUFFIXES);
    }

    static <T> T pick(SplittableRandom r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    /** A template with its {n}, {d}, {p}, {port}, {market}, {other} filled from the random source. */
    static String fill(SplittableRandom r, String template, String other) {
        if (template.indexOf('{') < 0) {
            return template;
        }
        return template.replace("{n}", String.valueOf(2 + r.nextInt(48))).replace("{d}", String.valueOf(3 + r.nextInt(25)))
                .replace("{p}", String.valueOf(2 + r.nextInt(8))).replace("{port}", pick(r, PORTS))
                .replace("{market}", pick(r, MARKETS)).replace("{other}", other == null ? "其他部门" : other);
    }
}
